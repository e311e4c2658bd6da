"""Options shared by the commands that talk to SPARQL servers (``query``, ``push``):
the URL, credentials, timeout and retries."""

from __future__ import annotations

import getpass
import os
import sys

from kgraph.errors import RemoteError

__all__ = ["add_connection_arguments", "endpoint_from_args"]

USER_VARIABLE = "KGRAPH_USER"
PASSWORD_VARIABLE = "KGRAPH_PASSWORD"

CREDENTIALS_HELP = (
    f"credentials: --user NAME (or ${USER_VARIABLE}) with the password in ${PASSWORD_VARIABLE}; "
    "without that variable kgraph asks for it on a terminal. Passwords are never taken "
    "from the command line or the URL, and never printed."
)


def add_connection_arguments(parser) -> None:
    """Add ``--user``, ``--timeout`` and ``--retries`` to ``parser``."""
    parser.add_argument("--user", metavar="NAME",
                        help=f"user for HTTP Basic auth (default: ${USER_VARIABLE}); "
                        f"the password comes from ${PASSWORD_VARIABLE} or a prompt")
    parser.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                        help="seconds to wait for each answer (default: 30)")
    parser.add_argument("--retries", type=int, default=2, metavar="N",
                        help="retries after a connection failure, timeout or 5xx answer (default: 2)")


def endpoint_from_args(args, url: str):
    """The :class:`kgraph.rdf.remote.Endpoint` for ``url`` and the parsed options.
    Raises :class:`RemoteError` when a user is given but no password can be had."""
    from kgraph.rdf.remote import Endpoint

    user = args.user or os.environ.get(USER_VARIABLE) or None
    password = None
    if user is not None:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            if not sys.stdin.isatty():
                raise RemoteError(f"user {user!r} needs a password: set {PASSWORD_VARIABLE}")
            password = getpass.getpass(f"password for {user} at {url}: ")
    if args.retries < 0 or args.timeout <= 0:
        raise RemoteError("--retries must be 0 or more and --timeout more than 0")
    return Endpoint(url, user=user, password=password, timeout=args.timeout, retries=args.retries)
