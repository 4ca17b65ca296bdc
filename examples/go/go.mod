module libtsc.dev/examples

go 1.19

require libtsc.dev/tsc v0.0.0

replace libtsc.dev/tsc => ../../bindings/go
