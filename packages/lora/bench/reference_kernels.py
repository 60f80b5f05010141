"""The PyTorch and numpy side of kernels.bench.mjs: the same LoRA work on the same shapes, timed here.

Reads one JSON request per line on stdin ({"library": "torch" | "numpy", "task": ..., ...}), runs it once and
answers one JSON line on stdout ({"ms": wall time, "cpu_ms": CPU time of every thread} or {"unsupported": reason}). Operands are made once per task and
reused, as the JavaScript side does. The first line written is a description of the libraries.
"""

import json
import os
import sys
import time

import numpy

try:
    import torch
except ImportError:  # numpy alone still answers
    torch = None

THREADS = int(os.environ.get("BENCH_THREADS", os.cpu_count() or 1))
if torch is not None:
    torch.set_num_threads(THREADS)
    torch.manual_seed(0)

generator = numpy.random.default_rng(0)
cache = {}


def operands(library, key, make):
    """Operands of one task, made once."""
    name = (library, key)
    if name not in cache:
        cache[name] = make()
    return cache[name]


def random(library, *shape, scale=1.0):
    values = (generator.standard_normal(shape) * scale).astype(numpy.float32)
    return torch.from_numpy(values) if library == "torch" else values


def merge(library, size, rank):
    weight, left, right = operands(
        library,
        ("merge", size, rank),
        lambda: (random(library, size, size, scale=0.02), random(library, size, rank, scale=0.01), random(library, rank, size, scale=size**-0.5)),
    )
    if library == "torch":
        return lambda: weight.add_(left @ right, alpha=2.0)  # PEFT: W += (B @ A) * scaling
    return lambda: numpy.add(weight, 2.0 * (left @ right), out=weight)


def forward(library, size, batch, rank):
    weight, bias, a, b, x = operands(
        library,
        ("forward", size, batch, rank),
        lambda: (
            random(library, size, size, scale=0.02),
            random(library, size, scale=0.1),
            random(library, rank, size, scale=size**-0.5),
            random(library, size, rank, scale=0.01),
            random(library, batch, size),
        ),
    )
    if library == "torch":
        functional = torch.nn.functional
        return lambda: functional.linear(x, weight, bias) + 2.0 * functional.linear(functional.linear(x, a), b)
    return lambda: x @ weight.T + bias + 2.0 * ((x @ a.T) @ b.T)


def extraction(library, size, rank, oversampling, iterations):
    def make():
        left = random(library, size, rank, scale=size**-0.5)
        right = random(library, rank, size, scale=size**-0.5)
        planted = (10 * 0.8 ** numpy.arange(rank)).astype(numpy.float32)
        planted = torch.from_numpy(planted) if library == "torch" else planted
        return (left * planted) @ right + random(library, size, size, scale=1e-4)

    delta = operands(library, ("svd", size, rank), make)
    width = rank + oversampling
    if library == "torch":

        def run():
            # Halko–Martinsson–Tropp randomized range finder with power iterations, as truncatedSvd does.
            u, s, v = torch.svd_lowrank(delta, q=width, niter=iterations)
            return u[:, :rank] * s[:rank], v[:, :rank].T

        return run

    def run():
        probe = generator.standard_normal((size, width)).astype(numpy.float32)
        basis, _ = numpy.linalg.qr(delta @ probe)
        for _ in range(iterations):
            basis, _ = numpy.linalg.qr(delta.T @ basis)
            basis, _ = numpy.linalg.qr(delta @ basis)
        small_u, s, vt = numpy.linalg.svd(basis.T @ delta, full_matrices=False)
        return (basis @ small_u[:, :rank]) * s[:rank], vt[:rank]

    return run


def conversion(library, rows, cols, direction):
    if library == "numpy" and "bf16" in direction:
        return None
    def make():
        floats = random(library, rows, cols, scale=0.05)
        if library == "torch":
            half = torch.bfloat16 if "bf16" in direction else torch.float16
            return floats, torch.empty((rows, cols), dtype=half), floats.to(half), torch.empty((rows, cols), dtype=torch.float32)
        return floats, numpy.empty((rows, cols), dtype=numpy.float16), floats.astype(numpy.float16), numpy.empty((rows, cols), dtype=numpy.float32)

    floats, halves, filled, widened = operands(library, ("conversion", rows, cols, "bf16" in direction), make)
    narrowing = direction.startswith("f32")
    if library == "torch":
        return (lambda: halves.copy_(floats)) if narrowing else (lambda: widened.copy_(filled))
    return (lambda: numpy.copyto(halves, floats, casting="unsafe")) if narrowing else (lambda: numpy.copyto(widened, filled))


def task(request):
    library = request["library"]
    name = request["task"]
    if library == "torch" and torch is None:
        return None
    if name == "merge":
        return merge(library, request["size"], request["rank"])
    if name == "forward":
        return forward(library, request["size"], request["batch"], request["rank"])
    if name == "svd":
        return extraction(library, request["size"], request["rank"], request["oversampling"], request["iterations"])
    if name == "conversion":
        return conversion(library, request["rows"], request["cols"], request["direction"])
    raise ValueError(f"unknown task {name}")


def main():
    description = {"numpy": numpy.__version__, "threads": THREADS, "python": sys.version.split()[0]}
    if torch is not None:
        description["torch"] = torch.__version__
        description["torch_threads"] = torch.get_num_threads()
    print(json.dumps(description), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        run = task(request)
        if run is None:
            print(json.dumps({"unsupported": f"{request['library']} cannot do {request['task']} {request.get('direction', '')}"}), flush=True)
            continue
        started = time.perf_counter()
        cpu = time.process_time()
        run()
        print(json.dumps({"ms": (time.perf_counter() - started) * 1000, "cpu_ms": (time.process_time() - cpu) * 1000}), flush=True)


main()
