"""Regenerates normalize-vectors.json: the oracle for normalizeDecimal is CPython's decimal module.

Run from this folder:  python3 generate-normalize-vectors.py > normalize-vectors.json
Each vector is [input, str(Decimal(input).normalize())] in Python's default context
(precision 28, ROUND_HALF_EVEN, Emax 999999, Emin -999999); inputs whose normalize() raises
(Overflow; InvalidOperation for exponents beyond libmpdec's limits) are listed with null.
"""
import json
import random
from decimal import Decimal, InvalidOperation, Overflow, getcontext

assert getcontext().prec == 28

HAND_PICKED = [
    # the data model's vectors
    "100", "100.00", "-3.50", "0", "0.00", "-0", "1234.5", "1E+3", "0.000001", "0.0000001", "-1200.10", "-87.28",
    # zeros in every form
    "-0.00", "0E+5", "0E-10", "-0E-10", "0.0", "-0.0000000", "0e999999999", "-0e-999999999",
    # exponent inputs, both cases and signs
    "1e5", "1E5", "1e+5", "1.5e-7", "-1.50E+2", "12.34e1", "12.34e-1", "1e-6", "1e-7", "10e-7", "100e-8",
    "+1", "+0.50", ".5", "5.", "-.5", "-5.", "0.1", "0.10", "10", "1000", "1234567890.12", "-1234567890.120",
    # the boundary between plain and exponent notation
    "0.000001000", "0.0000010", "0.00001", "123456", "1230000", "-0.0000012300",
    # precision 28: rounding, ties to even, carries
    "1234567890123456789012345678", "12345678901234567890123456789", "1234567890123456789012345678.5",
    "1234567890123456789012345677.5", "12345678901234567890123456785", "12345678901234567890123456775",
    "9999999999999999999999999999", "99999999999999999999999999995", "99999999999999999999999999994",
    "9999999999999999999999999999.5", "0.99999999999999999999999999995", "1.00000000000000000000000000005",
    "1.000000000000000000000000000500001", "1.00000000000000000000000000015", "1.00000000000000000000000000025",
    "-1234567890123456789012345678901234", "0.1000000000000000000000000000000000001",
    "123456789012345678901234567890e-5", "12345678901234567890123456789.5",
    "100000000000000000000000000000000000000", "1000000000000000000000000000000000000000000000000e-10",
    # extreme exponents: Emax, Etop, Emin, Etiny, subnormals, underflow to zero
    "1e999999", "9.999999999999999999999999999e999999", "1e999998", "10e999998", "100e999997",
    "1e-999999", "1e-1000000", "1e-1000026", "1e-1000027", "5e-1000027", "6e-1000027", "15e-1000027",
    "25e-1000027", "1234e-1000028", "-1e-1000040", "1.5e-1000026", "123456789e-1000030",
    # overflow (Python raises decimal.Overflow)
    "1e1000000", "9.9999999999999999999999999999e999999", "1e99999999999999999999",
    # long inputs
    "0." + "0" * 50 + "1", "1" + "0" * 60, "-" + "9" * 80, "0.00" + "12345" * 10, "1" * 40 + "." + "2" * 40,
]

def oracle(text):
    try:
        return str(Decimal(text).normalize())
    except (Overflow, InvalidOperation):
        return None

def random_input(rng):
    sign = rng.choice(["", "-", "", "+"])
    int_digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 35)))
    frac_digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 35)))
    if rng.random() < 0.3:
        int_digits = int_digits.rstrip("123456789") or "0"
    if rng.random() < 0.3:
        frac_digits = frac_digits + "0" * rng.randint(1, 5)
    if not int_digits and not frac_digits:
        int_digits = "0"
    body = int_digits + ("." + frac_digits if frac_digits or rng.random() < 0.1 else "")
    if body.startswith(".") and not frac_digits:
        body = "0" + body
    if rng.random() < 0.35:
        exp = rng.choice([rng.randint(-40, 40), rng.randint(-1000060, -999960), rng.randint(999960, 1000030)])
        body += rng.choice("eE") + (("+" if exp >= 0 and rng.random() < 0.5 else "") + str(exp))
    return sign + body

rng = random.Random(20240101)
inputs = list(HAND_PICKED)
seen = set(inputs)
while len(inputs) < len(HAND_PICKED) + 600:
    candidate = random_input(rng)
    if candidate not in seen:
        seen.add(candidate)
        inputs.append(candidate)

print(json.dumps([[text, oracle(text)] for text in inputs], indent=0))
