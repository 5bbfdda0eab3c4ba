interface SwaggerResponse {
  url: string;
  ok: boolean;
  obj?: { bearerToken?: string; accessToken?: string };
}

/**
 * Swagger UI's response interceptor: a successful login (or token refresh) through "Try it out"
 * authorizes the page with the token it answered, so the next "Try it out" is signed in. Swagger
 * UI runs this in the browser from its source text, so it refers to nothing outside itself.
 */
export function authorizeFromLogin(response: SwaggerResponse): SwaggerResponse {
  const page = globalThis as unknown as { location: { href: string }; ui?: { preauthorizeApiKey(name: string, value: string): void } };
  const path = new URL(response.url, page.location.href).pathname;
  const token = response.obj?.bearerToken ?? response.obj?.accessToken;
  if (response.ok && token && /\/(auth|auth\/credentials|access-token)$/.test(path)) page.ui?.preauthorizeApiKey('bearer', token);
  return response;
}
