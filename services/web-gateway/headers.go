package main

// Request ids and etags travel in HTTP headers both ways:
//   X-Request-Id  -> the request's `request_id` field when the body leaves it empty (a mutation
//                    without either gets a fresh one); echoed in the response.
//   If-Match      -> the `etag` of the resource being updated (or of the request) when empty.
//   ETag          <- the `etag` of the returned resource.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

type callInfo struct {
	requestID string // from X-Request-Id, else generated
	ifMatch   string // from If-Match, quotes removed
	etag      string // of the response
}

type callInfoKey struct{}

func infoOf(ctx context.Context) *callInfo {
	ci, _ := ctx.Value(callInfoKey{}).(*callInfo)
	return ci
}

func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// withCallInfo reads the headers into the request's context (which grpc-gateway hands on to the
// backend call) and caps the deadline a client may ask for.
func withCallInfo(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ci := &callInfo{requestID: strings.TrimSpace(r.Header.Get("X-Request-Id"))}
		if len(ci.requestID) > 128 {
			ci.requestID = ci.requestID[:128]
		}
		if ci.requestID == "" {
			ci.requestID = newRequestID()
		}
		if m := strings.TrimSpace(r.Header.Get("If-Match")); m != "" {
			ci.ifMatch = strings.Trim(strings.TrimPrefix(m, "W/"), `"`)
		}
		if t := r.Header.Get("Grpc-Timeout"); t != "" {
			if d, err := parseGrpcTimeout(t); err != nil || d > *maxTimeout {
				r.Header.Set("Grpc-Timeout", encodeTimeout(*maxTimeout))
			}
		}
		w.Header().Set("X-Request-Id", ci.requestID)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), callInfoKey{}, ci)))
	})
}

func parseGrpcTimeout(s string) (time.Duration, error) {
	if len(s) < 2 {
		return 0, errBadTimeout
	}
	units := map[byte]time.Duration{'H': time.Hour, 'M': time.Minute, 'S': time.Second,
		'm': time.Millisecond, 'u': time.Microsecond, 'n': time.Nanosecond}
	u, ok := units[s[len(s)-1]]
	if !ok {
		return 0, errBadTimeout
	}
	var n int64
	for _, c := range s[:len(s)-1] {
		if c < '0' || c > '9' || n > 1e9 {
			return 0, errBadTimeout
		}
		n = n*10 + int64(c-'0')
	}
	return time.Duration(n) * u, nil
}

func encodeTimeout(d time.Duration) string { return fmt.Sprintf("%dm", d.Milliseconds()) }

type timeoutError struct{}

func (timeoutError) Error() string { return "bad Grpc-Timeout" }

var errBadTimeout = timeoutError{}

// headerFieldsInterceptor fills request_id and etag from the headers and notes the etag of the
// reply, on every backend call made for an HTTP request.
func headerFieldsInterceptor(ctx context.Context, method string, req, reply any,
	cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
	ci := infoOf(ctx)
	if m, ok := req.(proto.Message); ok && ci != nil {
		fill(m.ProtoReflect(), ci)
	}
	err := invoker(ctx, method, req, reply, cc, opts...)
	if m, ok := reply.(proto.Message); ok && err == nil && ci != nil {
		ci.etag = stringField(m.ProtoReflect(), "etag")
	}
	return err
}

func fill(m protoreflect.Message, ci *callInfo) {
	fields := m.Descriptor().Fields()
	if f := fields.ByName("request_id"); f != nil && f.Kind() == protoreflect.StringKind {
		if v := m.Get(f).String(); v == "" {
			m.Set(f, protoreflect.ValueOfString(ci.requestID))
		} else {
			ci.requestID = v
		}
	}
	if ci.ifMatch == "" {
		return
	}
	if f := fields.ByName("etag"); f != nil && f.Kind() == protoreflect.StringKind {
		if m.Get(f).String() == "" {
			m.Set(f, protoreflect.ValueOfString(ci.ifMatch))
		}
		return
	}
	// An update (AIP-134): the resource is the message field next to `update_mask`.
	if fields.ByName("update_mask") == nil {
		return
	}
	for i := 0; i < fields.Len(); i++ {
		f := fields.Get(i)
		if f.Kind() != protoreflect.MessageKind || f.IsList() || f.IsMap() || f.Name() == "update_mask" {
			continue
		}
		sub := m.Mutable(f).Message()
		if e := sub.Descriptor().Fields().ByName("etag"); e != nil && e.Kind() == protoreflect.StringKind {
			if sub.Get(e).String() == "" {
				sub.Set(e, protoreflect.ValueOfString(ci.ifMatch))
			}
		}
	}
}

func stringField(m protoreflect.Message, name protoreflect.Name) string {
	if f := m.Descriptor().Fields().ByName(name); f != nil && f.Kind() == protoreflect.StringKind {
		return m.Get(f).String()
	}
	return ""
}

// forwardHeaders puts the reply's etag in the ETag header.
func forwardHeaders(ctx context.Context, w http.ResponseWriter, _ proto.Message) error {
	if ci := infoOf(ctx); ci != nil && ci.etag != "" {
		w.Header().Set("ETag", `"`+ci.etag+`"`)
	}
	return nil
}
