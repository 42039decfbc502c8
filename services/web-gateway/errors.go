package main

// Errors as AIP-193 JSON: {"error": {"code": <HTTP status>, "message": ..., "status": "ABORTED",
// "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": ..., ...}]}}, the
// HTTP status from gRPC's standard mapping (runtime.HTTPStatusFromCode: ABORTED 409, NOT_FOUND
// 404, FAILED_PRECONDITION 400, PERMISSION_DENIED 403, ...). The message is the API's own text;
// transport failures get a fixed text, never the Go error.

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/genproto/googleapis/rpc/code"
	_ "google.golang.org/genproto/googleapis/rpc/errdetails" // ErrorInfo etc. for Any
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
)

type errorBody struct {
	Error errorPayload `json:"error"`
}

type errorPayload struct {
	Code    int               `json:"code"`
	Message string            `json:"message"`
	Status  string            `json:"status"`
	Details []json.RawMessage `json:"details"`
}

func publicMessage(st *status.Status) string {
	switch st.Code() {
	case codes.Unknown, codes.Internal, codes.DataLoss:
		return "internal error"
	case codes.Unavailable:
		if len(st.Details()) == 0 {
			return "the service is unavailable; try again later"
		}
	case codes.DeadlineExceeded:
		return "the request took too long"
	case codes.Canceled:
		return "the request was cancelled"
	}
	return st.Message()
}

func statusBody(st *status.Status) (int, []byte) {
	httpCode := runtime.HTTPStatusFromCode(st.Code())
	p := errorPayload{
		Code:    httpCode,
		Message: publicMessage(st),
		Status:  code.Code(st.Code()).String(),
		Details: []json.RawMessage{},
	}
	for _, d := range st.Proto().GetDetails() {
		if b, err := protojson.Marshal(d); err == nil {
			p.Details = append(p.Details, b)
		}
	}
	b, _ := json.Marshal(errorBody{Error: p})
	return httpCode, b
}

func writeError(ctx context.Context, _ *runtime.ServeMux, _ runtime.Marshaler, w http.ResponseWriter,
	r *http.Request, err error) {
	st := status.Convert(err)
	httpCode, b := statusBody(st)
	w.Header().Del("Trailer")
	w.Header().Del("Transfer-Encoding")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpCode)
	w.Write(b)
}

// writeHTTPError answers an error found by the gateway itself (body too large, bad token) the
// same way.
func writeHTTPError(w http.ResponseWriter, c codes.Code, msg string) {
	httpCode, b := statusBody(status.New(c, msg))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(httpCode)
	w.Write(b)
}
