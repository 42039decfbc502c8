package main

import (
	_ "embed"
	"net/http"
)

// The OpenAPI document generated from proto/ by protoc-gen-openapiv2 (build.sh), checked in and
// compared with a fresh generation by the ctest `web_gateway_openapi_current`.
//
//go:embed openapi/auxpro.swagger.json
var openapiDoc []byte

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openapiDoc)
}
