// Package tsc is the Go binding of libtsc, a client for Tableau Server's REST API.
//
// Every C function of include/tsc.h has a Go counterpart generated from include/tsc-api.json
// (the gen_*.go files): handles are Go types with an idempotent Close, fallible calls return a
// *Error, endpoints hang off Server (srv.Workbooks().Get(opts)), transfers take a
// context.Context, and callbacks are plain Go values (io.Reader, io.Writer, ProgressFunc).
// Link with CGO_LDFLAGS="-L<dir with libtsc.so>"; see README.md.
package tsc

/*
#cgo CFLAGS: -I${SRCDIR}/../../include -I${SRCDIR}
#cgo LDFLAGS: -ltsc
*/
import "C"
