// After the identity provider's sign-in (GET /auth/oidc/sign-in): keep its access token for the console, then open it.
(function () {
  const meta = document.querySelector('meta[name="waspada-token"]');
  if (meta && meta.content) {
    sessionStorage.setItem("waspada.token", meta.content);
  }
  location.replace("/");
})();
