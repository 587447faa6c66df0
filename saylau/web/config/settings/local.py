"""Settings for a person running saylau on their own machine (`make run`)."""

from saylau.web.config.env import get_bool

from .base import *  # noqa: F403

DEBUG = get_bool("SAYLAU_DEBUG", True)
