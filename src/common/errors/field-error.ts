/** One entry of ServiceStack's `responseStatus.errors`. */
export interface FieldError {
  errorCode: string;
  fieldName: string;
  message: string;
}

export interface ResponseStatus {
  errorCode: string;
  message: string;
  errors: FieldError[];
}

export interface ErrorBody {
  responseStatus: ResponseStatus;
}
