#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make stress: the reliability suite (suite.sh) with the long parameters of
# issue #10: 100 load/unload cycles, 1000 open/create/flip/close cycles,
# 5 minutes of 4 fuzzing processes, 2 minutes of concurrency, full
# allocation-fault sweeps.  About 20 minutes on an idle 2-core machine
# (debug kernel under TCG).  Results in results/stress-reliability/.
# Any REL_* variable of suite.sh still overrides.

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export REL_NAME=${REL_NAME:-stress-reliability}
export REL_TIMEOUT=${REL_TIMEOUT:-3600}
export REL_CONC_SECS=${REL_CONC_SECS:-120}
export REL_FUZZ_SECS=${REL_FUZZ_SECS:-300}
export REL_FUZZ_PROCS=${REL_FUZZ_PROCS:-4}
export REL_FUZZ_SEED=${REL_FUZZ_SEED:-$(date +%s)}
export REL_NTH_MAX=${REL_NTH_MAX:-2000}
export REL_PROBE_FIRST=${REL_PROBE_FIRST:--1500}
export REL_PROBE_MAX=${REL_PROBE_MAX:-1}
export REL_LOAD_CYCLES=${REL_LOAD_CYCLES:-100}
export REL_FLIP_CYCLES=${REL_FLIP_CYCLES:-1000}
export REL_SECTIONS=${REL_SECTIONS:-conc fuzz fault_knob fault_nth suspend unload fault_probe unplug}
echo "stress: fuzz seed $REL_FUZZ_SEED" >&2
exec "$HERE/suite.sh" "$@"
