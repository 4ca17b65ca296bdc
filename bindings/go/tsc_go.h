/* tsc_go.h: C helpers for the Go binding: the userdata cast and the Go callback trampolines
 * (defined by //export in callbacks.go). Included by every generated file, never by callbacks.go. */
#ifndef TSC_GO_H
#define TSC_GO_H
#include <stdint.h>
#include <stdlib.h>
#include "tsc.h"

/* A runtime/cgo.Handle travels to C as userdata: an integer, never a Go pointer. */
static inline void *tsc_go_userdata(uintptr_t h) { return (void *)h; }

extern int32_t goTscRead(void *userdata, uint8_t *buf, size_t cap, size_t *out_len);
extern int32_t goTscWrite(void *userdata, uint8_t *data, size_t len);
extern int32_t goTscProgress(void *userdata, uint64_t done, int64_t total);
extern int32_t goTscLog(void *userdata, int32_t level, char *message);
extern int32_t goTscJWT(void *userdata, char *buf, size_t cap, size_t *out_len);
#endif
