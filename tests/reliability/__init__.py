"""Reliability tests: crashes, damaged files, full disks, concurrent programs and fuzzed input."""
