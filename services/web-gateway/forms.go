package main

import (
	"net/http"

	"google.golang.org/grpc"
)

func registerForms(root *http.ServeMux, conn *grpc.ClientConn) {}
