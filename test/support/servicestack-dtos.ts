/* Request DTOs written the way ServiceStack's "Add ServiceStack Reference" generates them for TypeScript. */

export interface IReturn<T> {
  createResponse(): T;
}

abstract class Dto<T> implements IReturn<T> {
  abstract getTypeName(): string;
  abstract getMethod(): string;
  createResponse(): T {
    return {} as T;
  }
}

export class NewCustomer extends Dto<any> {
  accountId?: string;
  name?: string;
  parentCustomerId?: string;
  referenceId?: string;
  // As generated: assigned after the field initializers have run.
  constructor(init?: Partial<NewCustomer>) {
    super();
    Object.assign(this, init);
  }
  getTypeName() {
    return 'NewCustomer';
  }
  getMethod() {
    return 'POST';
  }
}

export class GetCustomer extends Dto<any> {
  customerId?: string;
  // As generated: assigned after the field initializers have run.
  constructor(init?: Partial<GetCustomer>) {
    super();
    Object.assign(this, init);
  }
  getTypeName() {
    return 'GetCustomer';
  }
  getMethod() {
    return 'GET';
  }
}

export class ListCustomers extends Dto<any> {
  parentCustomerIds?: string[];
  nameFilter?: string;
  shallowParent?: boolean;
  all?: boolean;
  // As generated: assigned after the field initializers have run.
  constructor(init?: Partial<ListCustomers>) {
    super();
    Object.assign(this, init);
  }
  getTypeName() {
    return 'ListCustomers';
  }
  getMethod() {
    return 'GET';
  }
}

export class PatchCustomer extends Dto<any> {
  customerId?: string;
  name?: string;
  referenceId?: string;
  // As generated: assigned after the field initializers have run.
  constructor(init?: Partial<PatchCustomer>) {
    super();
    Object.assign(this, init);
  }
  getTypeName() {
    return 'PatchCustomer';
  }
  getMethod() {
    return 'PATCH';
  }
}

export class DeleteCustomer extends Dto<any> {
  customerId?: string;
  cascade?: boolean;
  // As generated: assigned after the field initializers have run.
  constructor(init?: Partial<DeleteCustomer>) {
    super();
    Object.assign(this, init);
  }
  getTypeName() {
    return 'DeleteCustomer';
  }
  getMethod() {
    return 'DELETE';
  }
}
