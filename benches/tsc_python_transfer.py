"""The Python client's side of the transfer benchmark (benches/run_transfers.sh): publishes or
downloads a data source with tableauserverclient and reports the time of the transfer alone and
the process's peak resident memory.

    python tsc_python_transfer.py URL publish FILE NAME
    python tsc_python_transfer.py URL download DATASOURCE_ID DIR

Prints one line: `<op> seconds=S hwm_kib=K [id=ID|path=P]`.
"""
import resource
import sys
import time

import tableauserverclient as TSC


def main():
    url, op = sys.argv[1], sys.argv[2]
    server = TSC.Server(url, use_server_version=True)
    server.auth.sign_in(TSC.TableauAuth("admin", "admin"))
    if op == "publish":
        path, name = sys.argv[3], sys.argv[4]
        projects, _ = server.projects.get()
        default = next(p for p in projects if p.name.lower() == "default")
        item = TSC.DatasourceItem(default.id, name=name)
        t0 = time.monotonic()
        ds = server.datasources.publish(item, path, TSC.Server.PublishMode.Overwrite)
        t1 = time.monotonic()
        extra = "id=" + ds.id
    else:
        ds_id, directory = sys.argv[3], sys.argv[4]
        t0 = time.monotonic()
        path = server.datasources.download(ds_id, filepath=directory)
        t1 = time.monotonic()
        extra = "path=" + path
    hwm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{op} seconds={t1 - t0:.3f} hwm_kib={hwm} {extra}")
    server.auth.sign_out()


if __name__ == "__main__":
    main()
