"""`python3 bench/reference_merge.py <base.safetensors> <adapter folder> <out.safetensors>`: the merge of
files.bench.mjs done with PyTorch, tensor by tensor as `benchline lora merge` streams it (read a tensor, W += s·B·A
in float32 for the targeted nn.Linear weights, store it in its dtype, write it), for the same generated model. Only
what that model needs: F32/BF16/F16 tensors, LoRA A/B in the adapter's safetensors, r and lora_alpha from its config.
"""

import json
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "BF16": torch.bfloat16, "F16": torch.float16}


def header(path):
    with open(path, "rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        return json.loads(file.read(length)), 8 + length


def read_tensor(file, start, entry):
    begin, end = entry["data_offsets"]
    file.seek(start + begin)
    data = bytearray(file.read(end - begin))
    return torch.frombuffer(data, dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])


def main():
    torch.set_num_threads(int(torch.get_num_threads() if len(sys.argv) < 5 else sys.argv[4]))
    base_path, adapter_folder, output_path = sys.argv[1:4]
    config = json.load(open(f"{adapter_folder}/adapter_config.json"))
    scaling = config["lora_alpha"] / config["r"]
    adapter_header, adapter_start = header(f"{adapter_folder}/adapter_model.safetensors")
    factors = {}
    with open(f"{adapter_folder}/adapter_model.safetensors", "rb") as file:
        for name, entry in adapter_header.items():
            if name == "__metadata__":
                continue
            module, kind = name.removeprefix("base_model.model.").rsplit(".lora_", 1)
            factors.setdefault(f"{module}.weight", {})[kind.split(".")[0]] = read_tensor(file, adapter_start, entry).float()
    base_header, base_start = header(base_path)
    header_bytes = json.dumps(base_header, separators=(",", ":")).encode()
    header_bytes += b" " * (-len(header_bytes) % 8)
    entries = sorted(((name, entry) for name, entry in base_header.items() if name != "__metadata__"), key=lambda item: item[1]["data_offsets"][0])
    with open(base_path, "rb") as source, open(output_path, "wb") as target:
        target.write(struct.pack("<Q", len(header_bytes)) + header_bytes)
        for name, entry in entries:
            tensor = read_tensor(source, base_start, entry)
            if name in factors:
                weight = tensor.float()
                weight.add_(factors[name]["B"] @ factors[name]["A"], alpha=scaling)
                tensor = weight.to(tensor.dtype)
            target.write(tensor.view(torch.uint8).numpy().tobytes() if tensor.dtype != torch.float32 else tensor.numpy().tobytes())


main()
