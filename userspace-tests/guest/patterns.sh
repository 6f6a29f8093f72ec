# SPDX-License-Identifier: GPL-2.0
#
# The screendumps the main payload takes and what must be on them.
# Sourced by suite.sh on the host and prepended to the guest payload, so
# both sides read one list.  One entry per line:
#   NAME|pattern ARGS (guest)|check_ppm.py ARGS (host; FILE is added)
# XRES/YRES are the mode size the guest boots with (suite.sh sets them).

FLIP_A=2060a0
FLIP_B=c08040
PATTERN_LIST="
pattern-v|-c ff0000,00ff00,0000ff,ffffff,000000,123456,fedcba,80c040|bars --colours ff0000,00ff00,0000ff,ffffff,000000,123456,fedcba,80c040 --size ${XRES}x${YRES}
pattern-h|-o h -c 0000ff,ff0000,00ff00,010203,fcfdfe|bars --orient h --colours 0000ff,ff0000,00ff00,010203,fcfdfe --size ${XRES}x${YRES}
pattern-legacy|-L -c 00ffff,ff00ff,ffff00,404040,c0c0c0,7f7f7f|bars --colours 00ffff,ff00ff,ffff00,404040,c0c0c0,7f7f7f --size ${XRES}x${YRES}
pattern-1024x768|-m 1024x768 -c ff8000,0080ff,80ff00|bars --colours ff8000,0080ff,80ff00 --size 1024x768
pattern-argb|-f ARGB8888 -c 11aa55,aa5511,5511aa,ffffff|bars --colours 11aa55,aa5511,5511aa,ffffff --size ${XRES}x${YRES}
"
