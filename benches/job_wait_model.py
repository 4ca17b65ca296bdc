#!/usr/bin/env python3
"""Job-wait model: the 100 jobs of benches/run_jobs.sh (durations 1 to 12 s from the same
pseudo-random list, each ending 4 s + its duration after the start, queued for the first half of
its life, then reporting a whole-percent progress rising linearly, as tsc-emulator's jobs do),
with no request overhead but 2 ms of latency, waited on by 100 threads (one per job, from the
start) and by a pool of 8 (each thread takes the next job when done with one).

Prints the requests and mean lateness of three ways of waiting:
  python  tableauserverclient's schedule: at once, then 0.5 s after each answer, x1.4, <= 30 s
  bound   the schedule, or the latest end a steady pace allows when that comes first
          (src/api/jobs.rs, `Schedule`)
  watch   bound, and waits on queued jobs share their looks: one listing stands for the
          scheduled polls of every queued wait due within a fifth of its gap (they wake when it
          lands); a job it shows started or ended is polled by id at once
          (src/api/job_watch.rs; what libtsc does since 2026-12-01 19:50)

    python3 benches/job_wait_model.py
"""

import heapq
import itertools

LATENCY = 0.002
EARLY_SHARE = 5


def durations(n=100):
    x, out = 12345, []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(1 + (x % 11000) / 1000)
    return out


class Wait:
    """One wait on job `job` (queued until `start`, ended at `end`, in seconds)."""

    def __init__(self, way, start, end):
        self.way, self.start, self.end = way, start, end
        self.backoff, self.next_at = 0.5, None
        self.first, self.misses, self.bounded = None, 0, False
        self.queued, self.due, self.earliest, self.version = False, 0.0, 0.0, 0

    def progress(self, t):
        if t <= self.start:
            return 0
        return max(1, int((t - self.start) * 100 / (self.end - self.start)))

    def advance(self, now, force=False):
        if force or self.next_at is None or now + 0.002 >= self.next_at:
            self.next_at, self.backoff = now + self.backoff, min(self.backoff * 1.4, 30)

    def observe(self, sent, answered, p):
        """The wait after a poll by id that found the job running at progress p."""
        if self.bounded:
            self.misses += 1
        self.bounded = False
        self.advance(answered)
        scheduled = self.next_at - answered
        if self.way == "python" or self.misses >= 2 or not 1 <= p < 100:
            return scheduled
        if self.first is None:
            self.first = (sent, p)
            return scheduled
        t0, p0 = self.first
        if p - p0 < 2:
            return scheduled
        bound = (answered - t0) / (p - p0 - 1) * (100 - p) + 0.005
        if bound < scheduled:
            self.bounded = True
            return bound
        return scheduled


def run(way, threads):
    """(requests, mean lateness) of the 100 jobs waited on by `threads` threads."""
    ends = [4 + d for d in durations()]
    jobs = iter(range(len(ends)))
    events, seq = [], itertools.count()
    waits, late, requests = {}, {}, 0

    def plan(th, t, wait, queued):
        w = waits[th][1]
        w.version += 1
        w.queued, w.due, w.earliest = queued, t + wait, t + wait - wait / EARLY_SHARE
        heapq.heappush(events, (w.due, next(seq), th, w.version))

    def take_next(th, t):
        i = next(jobs, None)
        if i is not None:
            waits[th] = (i, Wait(way, ends[i] / 2, ends[i]))
            poll(th, t)

    def poll(th, t):
        nonlocal requests
        requests += 1
        i, w = waits[th]
        answered = t + LATENCY
        if t + LATENCY / 2 >= w.end:
            late[i] = answered - w.end
            del waits[th]
            take_next(th, answered)
            return
        p = w.progress(t + LATENCY / 2)
        plan(th, answered, w.observe(t, answered, p), p == 0)

    def share(t):
        """A listing sent at t, for every queued wait that may take it."""
        nonlocal requests
        requests += 1
        answered = t + LATENCY
        takers = [th for th, (_, w) in waits.items() if w.queued and w.earliest <= t]
        for th in takers:
            w = waits[th][1]
            w.advance(answered, force=True)
            if w.progress(t + LATENCY / 2) == 0:
                plan(th, answered, w.next_at - answered, True)
            else:
                w.version += 1
                poll(th, answered)

    for th in range(threads):
        take_next(th, 0.0)
    while events:
        t, _, th, version = heapq.heappop(events)
        if th not in waits or waits[th][1].version != version:
            continue
        w = waits[th][1]
        others = any(o.queued and o.earliest <= t for k, (_, o) in waits.items() if k != th)
        if way == "watch" and w.queued and others:
            share(t)
        else:
            poll(th, t)
    return requests, sum(late.values()) / len(late)


if __name__ == "__main__":
    for threads in (100, 8):
        for way in ("python", "bound", "watch"):
            requests, late = run(way, threads)
            print(f"{threads:3} threads  {way:7} {requests} requests, mean lateness {late * 1000:.0f} ms")
