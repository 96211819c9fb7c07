"""Every error numclaims raises: a :class:`NumclaimsError` that is also a builtin error.

Each keeps its facts as fields and survives pickling, because failures cross process
boundaries in the distributed pipeline.
"""

from __future__ import annotations

import os


class NumclaimsError(Exception):
    """Base class of every numclaims error."""


class InputError(NumclaimsError, ValueError):
    """A caller passed something numclaims cannot work with (bad date, unknown currency...).

    ``field`` names the argument or JSON field at fault, so the API can report it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.message, self.field))

    def __str__(self) -> str:
        return self.message


class UnknownCurrencyError(InputError):
    """A currency code or country that is not ISO 4217 / ISO 3166."""


class NotConvertibleError(NumclaimsError, LookupError):
    """No exchange rate for this currency on (or shortly before) this date; never guessed."""

    def __init__(self, currency: str, on: str | None, reason: str) -> None:
        super().__init__(currency, on, reason)
        self.currency = currency
        self.on = on
        self.reason = reason

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (type(self), (self.currency, self.on, self.reason))

    def __str__(self) -> str:
        return f"cannot convert {self.currency} on {self.on or 'latest'}: {self.reason}"


class FileError(InputError):
    """A file named on the command line cannot be read or written: missing, a directory, not
    readable, on a full disk... The message names the path and the reason, in one line."""

    @classmethod
    def from_os(cls, path: str, exc: Exception, action: str, field: str | None = None) -> FileError:
        """``path: cannot <action>: <reason>``, the reason as the system words it.

        >>> str(FileError.from_os("/dev/full", OSError(28, "No space left on device"), "write"))
        '/dev/full: cannot write: no space left on device'
        """
        errno = getattr(exc, "errno", None)  # a broken gzip stream has none: its text says it
        reason = os.strerror(errno) if errno else str(exc)
        return cls(f"{path}: cannot {action}: {reason[:1].lower()}{reason[1:]}", field=field)
