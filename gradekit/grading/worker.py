"""The sandboxed side of grading: import the student's module, answer call requests.

Runs inside the sandbox with only this file and ``gradekit_wire.py`` beside it:
the ``gradekit`` package, the problems and the references are not visible.
It returns values, never verdicts; the grader compares them outside.

Usage: python -I worker.py REQUEST_FD REPLY_FD SUBMISSION_DIR MODULE PRELOAD,... [HARNESS_DIR]

The first request is ``{"op": "import"}``; every reply repeats the ``id`` of
the request it answers. Student code runs in this process and can write to the
reply pipe, but a frame it writes before knowing the id of the request in
progress is told apart from ours and ends the worker.

A problem may ship harness modules (``harness = [...]`` in its problem.toml):
code that is not secret and must run next to the student's, such as a training
loop that calls the student's model and loss within a budget. A request named
``"file:function"`` calls ``function`` of the harness file ``file.py``.
"""

import builtins
import importlib.util
import os
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

import gradekit_wire as wire  # noqa: E402  (must come after the path fix above)
import numpy as np  # noqa: E402,F401  (preloaded so a submission's numpy.py cannot shadow it)

MAX_TRACEBACK = 4000


def describe_exception(error: BaseException, submission_dir: str) -> dict:
    """The student's exception: its type, message and the frames from their own files.

    ``types`` names the builtin exceptions it is an instance of as themselves
    (``ValueError``) and any other class with its module (a student's own
    ``class ValueError(Exception)`` is ``image_entropy.ValueError``), so a
    check asking for a ValueError gets the builtin one.
    """
    try:
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if os.path.abspath(f.filename).startswith(submission_dir)]
        text = "".join(traceback.format_list(frames[-6:]))
    except BaseException:  # a traceback the student tampered with
        text = ""
    return {
        "type": str(type(error).__name__)[:100],
        "types": [_class_name(cls) for cls in type(error).__mro__][:20],
        "message": _safe_str(error)[:1000],
        "traceback": text[-MAX_TRACEBACK:],
    }


def _class_name(cls: type) -> str:
    name = str(cls.__name__)[:100]
    return name if getattr(builtins, name, None) is cls else f"{str(cls.__module__)[:100]}.{name}"


def _safe_str(error: BaseException) -> str:
    try:
        return str.__str__(str(error))
    except BaseException:  # a student's __str__ may itself raise
        return f"<{type(error).__name__} whose message could not be printed>"


def to_student(value):
    """Turn wire values into what the student's function expects (tensors, generators)."""
    if isinstance(value, wire.WireTensor):
        import torch

        tensor = torch.from_numpy(value.array.copy()).to(getattr(torch, value.dtype))
        return tensor.requires_grad_(value.requires_grad)
    if isinstance(value, wire.WireGenerator):
        import torch

        return torch.Generator().manual_seed(value.seed)
    if isinstance(value, list):
        return [to_student(v) for v in value]
    if isinstance(value, tuple):
        return tuple(to_student(v) for v in value)
    if isinstance(value, dict):
        return {k: to_student(v) for k, v in value.items()}
    return value


class Worker:
    def __init__(self, request_fd: int, reply_fd: int, submission_dir: str, module_name: str,
                 harness_dir: str = ""):
        self.request_fd = request_fd
        self.reply_fd = reply_fd
        self.submission_dir = submission_dir
        self.module_name = module_name
        self.harness_dir = harness_dir
        self.module = None
        self.harness = {}

    def reply(self, request: dict, header: dict, value=None) -> None:
        header = {**header, "id": request.get("id")}
        try:
            frame = wire.encode_frame(header, value)
        except BaseException as error:  # a value that cannot even be encoded
            frame = wire.encode_frame({"ok": False, "id": request.get("id"), "error": {
                "type": "EncodingError", "types": ["EncodingError"], "traceback": "",
                "message": f"the returned value could not be sent to the grader: {_safe_str(error)}"}})
        wire.write_all(self.reply_fd, frame)

    def import_student(self, request: dict) -> None:
        sys.path.insert(0, self.submission_dir)
        try:
            self.module = __import__(self.module_name)
            names = sorted(n for n in dir(self.module) if not n.startswith("__"))[:1000]
        except BaseException as error:  # SystemExit and KeyboardInterrupt included
            self.module = None
            self.reply(request, {"ok": False, "error": describe_exception(error, self.submission_dir)})
            return
        self.reply(request, {"ok": True, "names": [str(n) for n in names]})

    def resolve(self, name: str):
        """The student's ``name``, or the harness function ``file:function``."""
        if ":" not in name:
            return getattr(self.module, name, None)
        file, function = name.split(":", 1)
        if file not in self.harness:
            path = os.path.join(self.harness_dir, file + ".py")
            spec = importlib.util.spec_from_file_location(f"gradekit_harness_{file}", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            spec.loader.exec_module(module)
            self.harness[file] = module
        return getattr(self.harness[file], function)

    def call(self, request: dict, value: dict) -> None:
        name = request["name"]
        try:
            function = self.resolve(name)
        except BaseException as error:  # importing a harness runs student code too
            self.reply(request, {"ok": False, "error": describe_exception(error, self.submission_dir)})
            return
        if function is None:
            self.reply(request, {"ok": False, "error": {
                "type": "MissingName", "types": ["MissingName"], "traceback": "",
                "message": f"{self.module_name}.py defines no {name!r}"}})
            return
        positional, keywords = to_student(value["args"]), to_student(value["kwargs"])
        try:
            result = function(*positional, **keywords)
            if value.get("vjp") is not None:
                result = self.vector_jacobian_product(name, result, positional, value["vjp"])
        except BaseException as error:
            self.reply(request, {"ok": False, "error": describe_exception(error, self.submission_dir)})
            return
        self.reply(request, {"ok": True}, result)

    @staticmethod
    def vector_jacobian_product(name, output, positional, vjp):
        """Back-propagate ``cotangent`` through ``output``; return it and the gradients asked for.

        Raised here, as the student's error, when no gradient can flow: the
        student reads why instead of torch's "element 0 of tensors does not
        require grad".
        """
        import torch

        if not isinstance(output, torch.Tensor):
            raise TypeError(f"{name} must return a torch tensor, so that gradients flow back to its "
                            f"inputs; it returned {type(output).__name__}")
        if not output.requires_grad:
            raise TypeError(f"{name} returned a tensor cut off from its inputs' gradients: .detach(), "
                            f".item(), .numpy() or torch.tensor(...) of an intermediate result break the graph")
        cotangent = to_student(vjp["cotangent"])
        (output * cotangent).sum().backward()
        grads = [positional[i].grad for i in vjp["wrt"]]
        return (output, grads)

    def serve(self) -> None:
        while True:
            try:
                header, value = wire.read_frame(self.request_fd)
            except EOFError:
                return
            op = header.get("op")
            if op == "exit":
                return
            if op == "import" and self.module is None:
                self.import_student(header)
            elif op == "call" and self.module is not None:
                self.call(header, value)
            else:
                self.reply(header, {"ok": False, "error": {
                    "type": "ProtocolError", "types": ["ProtocolError"], "traceback": "",
                    "message": f"unknown request {op!r}"}})


def main(argv: list[str]) -> None:
    request_fd, reply_fd, submission_dir, module_name = int(argv[1]), int(argv[2]), argv[3], argv[4]
    for name in filter(None, (argv[5] if len(argv) > 5 else "").split(",")):
        __import__(name)  # before the submission joins sys.path: its numpy.py cannot shadow these
    harness_dir = argv[6] if len(argv) > 6 else ""
    os.chdir(submission_dir)
    Worker(request_fd, reply_fd, os.path.abspath(submission_dir), module_name, harness_dir).serve()
    os._exit(0)  # now: no atexit handler or lingering thread of the student's runs after the grader is done


if __name__ == "__main__":
    main(sys.argv)
