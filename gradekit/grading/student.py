"""The ``student`` a check talks to: a proxy whose calls run in the sandboxed worker."""

from __future__ import annotations

from typing import Any, Protocol

from gradekit.grading.wire import WireGenerator, WireTensor

MAX_MESSAGE = 1000  # characters of the student's exception message kept (the worker sends no more)
MAX_TRACEBACK = 4000


def _text(value: Any, limit: int) -> str:
    """A string field of a reply, cut to ``limit``; anything else (a list, a number, a dict) is ''."""
    return value[:limit] if isinstance(value, str) else ""


class StudentRaised(Exception):
    """The student's function raised (or was missing); carries what the worker reported."""

    def __init__(self, function: str, error: Any):
        """``error`` is what the worker reported, as it came: anything JSON can hold, since
        student code can rewrite the worker's replies; only well-formed fields are believed."""
        self.function = function
        if not isinstance(error, dict):
            error = {"type": "MalformedReply", "message": "the worker's report of an error was malformed "
                                                          "(student code rewrote it?)"}
        self.type = _text(error.get("type"), 100) or "Exception"
        types = error.get("types")
        self.types = [t for t in (_text(t, 200) for t in types[:20]) if t] if isinstance(types, list) else []
        self.types = self.types or [self.type]
        self.error_message = _text(error.get("message"), MAX_MESSAGE)
        self.student_traceback = _text(error.get("traceback"), MAX_TRACEBACK)
        super().__init__(self.describe())

    def is_a(self, name: str) -> bool:
        """Whether the exception is an instance of the builtin exception called ``name``."""
        return name in self.types

    def describe(self) -> str:
        if self.type == "MissingName":
            return self.error_message
        if self.type == "NotImplementedError":
            return f"{self.function} is not implemented yet (it raises NotImplementedError)"
        text = f"{self.function} raised {self.type}"
        return f"{text}: {self.error_message}" if self.error_message else text


class Channel(Protocol):
    def request(self, header: dict, value: Any) -> tuple[dict, Any]: ...


class Student:
    """Calls the contract's functions in the worker and hands back their decoded results.

    ``student.maxout(x, 4)`` and ``student.call("maxout", x, 4)`` are the same. Only
    the names the problem declares can be called, so a typo in a check fails loudly.
    """

    def __init__(self, channel: Channel, names: tuple[str, ...]):
        self._channel = channel
        self._names = names

    def __repr__(self) -> str:
        return "student"

    def __getattr__(self, name: str):
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"{name!r} is not part of this problem's contract {self._names}")
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self._request(name, {"args": list(args), "kwargs": kwargs})

    def harness(self, target: str, *args: Any, **kwargs: Any) -> Any:
        """Call ``function`` of the problem's harness file ``file.py``: ``target = "file:function"``.

        The harness runs in the sandbox beside the student's module (to train
        the student's model, say) and returns plain data like any call.
        """
        if ":" not in target:
            raise ValueError(f"a harness target is 'file:function', not {target!r}")
        return self._request(target, {"args": list(args), "kwargs": kwargs})

    def vjp(self, name: str, *args: Any, wrt: tuple[int, ...], cotangent: WireTensor) -> tuple[Any, list]:
        """Call ``name``, then back-propagate ``cotangent`` through its output.

        Returns the output and the gradients of the positional arguments listed
        in ``wrt`` (None where no gradient reached an argument).
        """
        output, grads = self._request(name, {"args": list(args), "kwargs": {},
                                             "vjp": {"wrt": list(wrt), "cotangent": cotangent}})
        return output, grads

    def _request(self, name: str, value: dict) -> Any:
        header, reply = self._channel.request({"op": "call", "name": name}, value)
        if header.get("ok") is not True:
            raise StudentRaised(name, header.get("error"))
        return reply

    def raises(self, exception: str, name: str, *args: Any, **kwargs: Any) -> StudentRaised | None:
        """Call ``name`` expecting it to raise the builtin ``exception``; return what it raised."""
        try:
            self.call(name, *args, **kwargs)
        except StudentRaised as raised:
            return raised
        return None


def tensor(array, dtype: str = "float32", requires_grad: bool = False) -> WireTensor:
    """A torch tensor for the student's function, made in the worker from ``array``."""
    import numpy as np

    return WireTensor(np.asarray(array), dtype, requires_grad)


def generator(seed: int) -> WireGenerator:
    """A ``torch.Generator`` seeded with ``seed``, made fresh in the worker."""
    return WireGenerator(int(seed))
