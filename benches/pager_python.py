"""pager_python.py: how long the Python client's Pager (tableauserverclient) takes to list every
user of a site. Run by benches/run_pager.sh against the same emulator and data as pager_users.c.

Usage: pager_python.py URL [RUNS]   (signs in as admin/admin on the Default site)
"""
import importlib.metadata
import statistics
import sys
import time

import tableauserverclient as TSC


def list_all(server, page_size):
    opts = TSC.RequestOptions(pagesize=page_size) if page_size else None
    start = time.perf_counter()
    count = sum(1 for _ in TSC.Pager(server.users, opts))
    return (time.perf_counter() - start) * 1000.0, count


def main():
    url = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    server = TSC.Server(url, use_server_version=True)
    with server.auth.sign_in(TSC.TableauAuth("admin", "admin", "")):
        list_all(server, 1000)  # warm-up
        version = importlib.metadata.version("tableauserverclient")
        print(f"tableauserverclient {version} Pager, REST API {server.version}, median of {runs} runs")
        for page_size in (None, 1000):
            times = []
            for _ in range(runs):
                ms, count = list_all(server, page_size)
                times.append(ms)
            label = "default (100)" if page_size is None else str(page_size)
            print(f"  page size {label:>13}: {count} users, median {statistics.median(times):8.1f} ms")


if __name__ == "__main__":
    main()
