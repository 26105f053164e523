"""Tests of propagation.py's figures: the row of its results table."""

import sys
import unittest
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(BENCHMARKS))

import propagation  # noqa: E402


class TableRowTests(unittest.TestCase):

    def test_median_and_maximum_of_each_direction_in_milliseconds(self):
        samples = [("on", 1, 18181, 0.010), ("off", 1, 18181, 0.020), ("on", 2, 18181, 0.030),
                   ("off", 2, 18181, 1.0034), ("on", 3, 18181, 0.0114), ("off", 3, 18181, 0.0116)]
        self.assertEqual("| redis | 2 | 3 | 11 ms | 30 ms | 20 ms | 1,003 ms |",
                         propagation.table_row("redis", 2, 3, samples))

    def test_an_even_count_takes_the_mean_of_the_middle_two(self):
        samples = [("on", 1, 1, 0.010), ("on", 2, 1, 0.020), ("off", 1, 1, 0.4), ("off", 2, 1, 0.5)]
        self.assertEqual("| file | 2 | 2 | 15 ms | 20 ms | 450 ms | 500 ms |",
                         propagation.table_row("file", 2, 2, samples))


if __name__ == "__main__":
    unittest.main()
