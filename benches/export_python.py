"""The Python client's side of the export benchmark (benches/run_exports.sh): N view images
exported with tableauserverclient's views.populate_image from a ThreadPoolExecutor of THREADS
workers sharing one signed-in server, the views taken in turn from the site's views.

    python export_python.py URL N THREADS

Prints `seconds=S images=N bytes=B hwm_kib=K`.
"""
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import tableauserverclient as TSC


def main():
    url, n, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    server = TSC.Server(url, use_server_version=True)
    server.auth.sign_in(TSC.TableauAuth("admin", "admin"))
    views = list(TSC.Pager(server.views))

    def export(i):
        v = views[i % len(views)]
        server.views.populate_image(v)
        png = v.image
        assert png[:4] == b"\x89PNG"
        return len(png)

    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        total = sum(pool.map(export, range(n)))
    secs = time.monotonic() - t0
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"seconds={secs:.3f} images={n} bytes={total} hwm_kib={hwm}")


if __name__ == "__main__":
    main()
