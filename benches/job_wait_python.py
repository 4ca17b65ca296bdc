"""job_wait_python.py: the Python client's jobs.wait_for_job on many jobs at once, as
benches/job_wait.c does it for libtsc: refreshes the data sources whose names start with PREFIX
(the emulator gives job i the duration DELAYS[i]), then a pool of THREADS threads waits for each
job, in order. Prints, per job, how long after its end (created + duration) the end was learnt.

The emulator ends job i at the epoch millisecond END0 + DELAYS[i]; lateness is measured on the
real-time clock against that.

Usage: job_wait_python.py URL PREFIX THREADS END0 DELAY_MS...   (signs in as admin/admin)
"""
import concurrent.futures
import importlib.metadata
import statistics
import sys
import time

import tableauserverclient as TSC


def now_ms():
    return time.time() * 1000.0


def main():
    url, prefix, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    end0 = float(sys.argv[4])
    delays = [float(d) for d in sys.argv[5:]]
    server = TSC.Server(url, use_server_version=True)
    with server.auth.sign_in(TSC.TableauAuth("admin", "admin", "")):
        opts = TSC.RequestOptions(pagesize=1000)
        opts.sort.add(TSC.Sort(TSC.RequestOptions.Field.Name, TSC.RequestOptions.Direction.Asc))
        sources, _ = server.datasources.get(opts)
        sources = [d for d in sources if d.name.startswith(prefix)][: len(delays)]
        if len(sources) != len(delays):
            sys.exit(f"only {len(sources)} data sources named {prefix}*")
        jobs, created = [], []
        for d in sources:
            jobs.append(server.datasources.refresh(d))
            created.append(end0)
        learnt = [0.0] * len(jobs)

        def wait(i):
            server.jobs.wait_for_job(jobs[i].id)
            learnt[i] = now_ms()

        start = now_ms()
        with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
            list(pool.map(wait, range(len(jobs))))
        total = now_ms() - start
        late = [learnt[i] - (created[i] + delays[i]) for i in range(len(jobs))]
        for i, x in enumerate(late):
            print(f"lateness_ms {i} {x:.1f}")
        s = sorted(late)
        n = len(s)
        version = importlib.metadata.version("tableauserverclient")
        print(
            f"tableauserverclient {version} wait_for_job, {n} jobs, {threads} threads: all ended after "
            f"{total:.0f} ms; lateness mean {statistics.mean(s):.0f} ms, median {s[n // 2]:.0f} ms, "
            f"p95 {s[(n * 95) // 100]:.0f} ms, max {s[-1]:.0f} ms"
        )


if __name__ == "__main__":
    main()
