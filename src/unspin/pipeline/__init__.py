"""The restore and detect pipeline, one module per stage (docs/architecture.md draws it).

    text -> Doc -> candidates (thesauri, profile, proposals) -> first pass -> ranked options (preselect)
         -> restore: sites -> second pass -> decider -> Restoration (calibration)
         -> detect:  flagger (termcheck, thorough) -> Detection (calibration)

`restorer.Restorer` wires the stages together; `unspin.restore` and `unspin.detect` are its front door.
"""
