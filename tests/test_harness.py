"""The test harness's own rules: budgets and the end-of-run process check."""

from __future__ import annotations

import subprocess
import sys
import time

from tests import processes
from tests.budget import Budget, machine_factor


def test_a_budget_runs_its_minimum_then_stops_at_its_time_or_its_maximum() -> None:
    spent = Budget("t", seconds=0.0, minimum=3, maximum=10)
    assert [spent.more(n) for n in range(5)] == [True, True, True, False, False]
    roomy = Budget("harness self-test", seconds=3600.0, minimum=1, maximum=4)
    assert [roomy.more(n) for n in range(6)] == [True, True, True, True, False, False]
    assert "2 rounds" in roomy.record(2, "rounds")


def test_the_machine_factor_is_measured_once_and_never_below_one() -> None:
    first = machine_factor()
    assert 1.0 <= first <= 10.0
    assert machine_factor() == first


def test_a_process_left_running_is_found_and_stopped() -> None:
    mark = processes.os.environ[processes.MARK]
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        assert child.pid in processes.leftovers(mark)
        processes.kill_all({child.pid: "sleep"})
        child.wait(30)
        assert child.pid not in processes.leftovers(mark)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    unmarked = subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(600)"],
        env={k: v for k, v in processes.os.environ.items() if k != processes.MARK},
    )
    try:
        while "sleep(600)" not in processes._cmdline(unmarked.pid):  # until it has exec'd
            time.sleep(0.01)
        assert unmarked.pid not in processes.leftovers(mark)  # only this run's own processes
    finally:
        unmarked.kill()
        unmarked.wait()
