// Where a sign-in may send the browser afterwards: a path on this site only. The same rules as
// the API's oidc.safe_next: "//host" and "/\host" are other sites to a browser, and a scheme
// ("javascript:", "https:") never starts with "/".
export function safeNext(path) {
  if (typeof path !== "string" || !path.startsWith("/") || path.length > 500) return "/";
  if (path.startsWith("//") || path.startsWith("/\\")) return "/";
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return "/";
  return path;
}
