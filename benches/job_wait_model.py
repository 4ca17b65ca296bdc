#!/usr/bin/env python3
"""Job-wait model: the 100 jobs of benches/run_jobs.sh (durations 1 to 12 s from the same
pseudo-random list, each ending 4 s + its duration after the start, queued for the first half of
its life, then reporting a whole-percent progress rising linearly, as tsc-emulator's jobs do),
with no request overhead but 2 ms of latency, waited on by 100 threads (one per job, from the
start) and by a pool of 8 (each thread takes the next job when done with one).

Prints the polls and mean lateness of three ways of choosing the next poll:
  python  tableauserverclient's schedule: at once, then 0.5 s after each answer, x1.4, <= 30 s
  bound   libtsc's (src/api/jobs.rs): the schedule, or the latest end a steady pace allows when
          that comes first
  point   libtsc's before 2026-12-01 17:30: a point estimate of the end once 5 points are seen

    python3 benches/job_wait_model.py
"""

import heapq

LATENCY = 0.002


def durations(n=100):
    x, out = 12345, []
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(1 + (x % 11000) / 1000)
    return out


def wait(way, start, end):
    """(polls, lateness) of one job queued until `start` and ending at `end` (s)."""
    t, polls, backoff, next_at, first, misses, guessed = 0.0, 0, 0.5, None, None, 0, False
    while True:
        polls += 1
        sent, answered, measured = t, t + LATENCY, t + LATENCY / 2
        if measured >= end:
            return polls, answered - end
        p = max(1, int((measured - start) * 100 / (end - start))) if measured > start else 0
        if guessed:
            misses += 1
        guessed = False
        if next_at is None or answered + 0.002 >= next_at:
            next_at, backoff = answered + backoff, min(backoff * 1.4, 30)
        t = next_at
        if way == "python" or misses >= 2 or not 1 <= p < 100:
            continue
        if first is None:
            first = (sent if way == "bound" else answered, p)
            continue
        t0, p0 = first
        if way == "bound" and p - p0 >= 2:
            bound = answered + (answered - t0) / (p - p0 - 1) * (100 - p) + 0.005
            if bound < next_at:
                t, guessed = bound, True
        elif way == "point" and p - p0 >= 5:
            left = (answered - t0) / (p - p0) * (100 - p + 1) + 0.02
            t, guessed = answered + min(left, 30), True



def pool(way, threads):
    """(polls, mean lateness) of the 100 jobs waited on by a pool of `threads`."""
    free, polls, late = [0.0] * threads, 0, 0.0
    for d in durations():
        t = heapq.heappop(free)
        end = 4 + d
        if end <= t:
            n, lateness, done = 1, t + LATENCY - end, t + LATENCY
        else:
            n, lateness = wait(way, end / 2 - t, end - t)
            done = end + lateness
        polls, late = polls + n, late + lateness
        heapq.heappush(free, done)
    return polls, late / 100


for threads in (100, 8):
    for way in ("python", "bound", "point"):
        polls, late = pool(way, threads)
        print(f"{threads:3} threads  {way:7} {polls} polls, mean lateness {late * 1000:.0f} ms")
