module libtsc.dev/tsc

go 1.19
