"""`python -m vggc_ray` is the `vggc-ray` command."""
import sys

from vggc_ray.cli import main

sys.exit(main())
