// bench_test.go: the binding's own cost per item of a page (a borrowed Get and a Name: two
// cgo calls, one small allocation and one string copy), apart from the network and the XML.
package tsc_test

import (
	"os"
	"testing"
)

func BenchmarkItemName(b *testing.B) {
	if os.Getenv("TSC_TEST_URL") == "" {
		b.Skip("TSC_TEST_URL is not set")
	}
	srv := signIn(b)
	list, err := srv.Projects().Get(nil)
	if err != nil || list.Count() == 0 {
		b.Fatalf("projects: %v", err)
	}
	defer list.Close()
	n := list.Count()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if list.Get(i%n).Name() == "" {
			b.Fatal("no name")
		}
	}
}
