// Swagger UI (served from this server, no CDN) on this server's /openapi.json.
window.addEventListener("load", function () {
  "use strict";
  const root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.specUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    tryItOutEnabled: true,
    validatorUrl: null,  // the default validator is an external service
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
