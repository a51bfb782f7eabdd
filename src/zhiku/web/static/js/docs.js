// Starts the vendored Swagger UI on /openapi.json (kept out of the page so the CSP can forbid inline script).
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
