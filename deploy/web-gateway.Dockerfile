# syntax=docker/dockerfile:1
# auxpro-web-gateway image (services/web-gateway, docs/web-gateway.md). Build from the repository root:
#   docker build -f deploy/web-gateway.Dockerfile -t auxpro-web-gateway:dev .
# deploy/web-gateway.Dockerfile.dockerignore keeps build/, .local/ and .git out of the context.
# The gateway is one static Go binary (CGO off) with its templates, styles and OpenAPI document
# embedded: the runtime image is Debian slim plus that binary, runs as uid 10001 and works with a
# read-only root file system. deploy/image/web-gateway-rootfs-test.sh proves this stage.

ARG GO_IMAGE=golang:1.26-bookworm
ARG DEBIAN=debian:bookworm-slim

FROM ${GO_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      protobuf-compiler npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# Generates the Go code from proto/ (the plugins at the versions go.mod pins) and builds the
# binary statically (build.sh sets CGO_ENABLED=0).
RUN --mount=type=cache,target=/root/.cache \
    bash services/web-gateway/build.sh \
 && install -D -m 0755 build/web-gateway/auxpro-web-gateway /out/auxpro-web-gateway

FROM ${DEBIAN} AS runtime
RUN groupadd --system --gid 10001 auxpro \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin auxpro
COPY --from=build /out/auxpro-web-gateway /usr/local/bin/auxpro-web-gateway
USER 10001:10001
# HTTP (behind the ingress controller's TLS) or HTTPS with --tls_cert.
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/auxpro-web-gateway"]
CMD ["--help"]
