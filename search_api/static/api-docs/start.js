// Starts Swagger UI on /docs from a file, not an inline script, so the page's CSP can forbid inline code.
const root = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: root.dataset.openapi,
  dom_id: "#swagger-ui",
  validatorUrl: null, // the online validator badge would call another host
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
});
