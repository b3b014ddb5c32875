# How the expected.json files here were written: every revenue figure below is derived by hand
# (derivation in the comment above each case); balances are computed from those figures by the
# small Decimal model in case(), independent of the engine. Not run by the tests;
# run `python3 test/golden/derive.py` to rewrite the folders after adding a case.
# Writes golden cases from hand-derived monthly figures. Balances are derived here independently
# (Python Decimal) from the hand figures and the invoices, not taken from the engine.
import json, os
from decimal import Decimal as D
ROOT = os.path.dirname(os.path.abspath(__file__))

def months(a, b):
    y, m = map(int, a.split("-")); y2, m2 = map(int, b.split("-")); out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}"); m += 1
        if m == 13: y, m = y + 1, 1
    return out

def fmt(x): return f"{D(x):.2f}"

def case(name, book, frm, to, obligations, billed=None, accounts=None, journal=None):
    """obligations: {(contract, obligation): (allocated, {period: amount})}; billed: {contract: {period: amount}}."""
    d = os.path.join(ROOT, name); os.makedirs(d, exist_ok=True)
    json.dump(book, open(os.path.join(d, "book.json"), "w"), indent=2)
    if journal is not None:
        json.dump(accounts, open(os.path.join(d, "accounts.json"), "w"), indent=2)
        json.dump(journal["args"], open(os.path.join(d, "args.json"), "w"), indent=2)
        json.dump(journal["expected"], open(os.path.join(d, "expected.json"), "w"), indent=2)
        return
    json.dump({"command": "schedule", "from": frm, "to": to}, open(os.path.join(d, "args.json"), "w"), indent=2)
    ps = months(frm, to)
    # every month from the earliest activity, so balances at `frm` include earlier history
    allp = sorted({p for (_, (_, rev)) in obligations.items() for p in rev} | {p for c in (billed or {}).values() for p in c} | set(ps))
    span = months(allp[0], allp[-1])
    exp = {"periods": ps, "obligations": [], "contracts": []}
    contracts = []
    for (c, o), (alloc, rev) in obligations.items():
        if c not in contracts: contracts.append(c)
        exp["obligations"].append({"contract": c, "obligation": o, "allocated": fmt(alloc), "revenue": {p: fmt(rev.get(p, 0)) for p in ps}})
    for c in contracts:
        rev = {p: sum((D(str(r.get(p, 0))) for (cc, _), (_, r) in obligations.items() if cc == c), D(0)) for p in span}
        bil = {p: D(str((billed or {}).get(c, {}).get(p, 0))) for p in span}
        # A running account of the customer (32-10): an invoice first uses up any credit the customer holds, the
        # rest is invoiced; a credit first takes back what is invoiced, the rest is held for the customer (the
        # refund liability). Revenue is set against what stays invoiced, never against the customer's credit.
        invoiced = D(0); credit = D(0); earned = D(0); dfd = {}; unb = {}; ref = {}
        for p in span:
            a = bil[p]
            if a >= 0:
                used = min(a, credit); credit -= used; invoiced += a - used
            else:
                taken = min(-a, invoiced); invoiced -= taken; credit += -a - taken
            earned += rev[p]
            dfd[p] = max(invoiced - earned, D(0)); unb[p] = max(earned - invoiced, D(0)); ref[p] = credit
        exp["contracts"].append({"contract": c, "revenue": {p: fmt(rev[p]) for p in ps}, "billed": {p: fmt(bil[p]) for p in ps},
                                 "deferred": {p: fmt(dfd[p]) for p in ps}, "unbilled": {p: fmt(unb[p]) for p in ps},
                                 "refund": {p: fmt(ref[p]) for p in ps}})
    json.dump(exp, open(os.path.join(d, "expected.json"), "w"), indent=2)

def book(*contracts): return {"currency": "USD", "contracts": list(contracts)}
def contract(cid, obligations, billings=(), changes=(), customer="Acme"):
    c = {"id": cid, "customer": customer, "obligations": list(obligations)}
    if billings: c["billings"] = list(billings)
    if changes: c["changes"] = list(changes)
    return c
def ob(oid, price, method, start, end=None, **kw):
    o = {"id": oid, "price": price, "method": method, "start": start}
    if end: o["end"] = end
    o.update(kw); return o
def inv(iid, date, amount, obligation=None, discount=None):
    b = {"id": iid, "date": date, "amount": amount}
    if obligation: b["obligation"] = obligation
    if discount: b["discount"] = {"amount": discount[0], "account": discount[1]}
    return b
def seq(ps, amounts): return dict(zip(ps, amounts))

Y26 = months("2026-01", "2026-12")


# daily, leap year: 366.00 over the 366 days of 2024 is 1.00 a day, so each month earns its day count.
case("method-daily-leap-year",
     book(contract("C1", [ob("O1", "366.00", "daily", "2024-01-01", "2024-12-31")])),
     "2024-01", "2024-12",
     {("C1", "O1"): ("366.00", seq(months("2024-01", "2024-12"), [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]))})

# daily rounding: 100.00 over 90 days (Jan 31 + Feb 28 + Mar 31).
# cum Jan = 100 x 31/90 = 34.444 -> 34.44; cum Feb = 100 x 59/90 = 65.556 -> 65.56; cum Mar = 100.00
# per month = differences: 34.44, 31.12, 34.44.
case("method-daily-rounding",
     book(contract("C1", [ob("O1", "100", "daily", "2026-01-01", "2026-03-31")])),
     "2026-01", "2026-04",
     {("C1", "O1"): ("100.00", {"2026-01": "34.44", "2026-02": "31.12", "2026-03": "34.44"})})

# daily starting on a 29th of February, 366 days to 2025-02-28: 1.00 a day.
# Feb 2024 has 1 day (the 29th); Feb 2025 has 28.
case("method-daily-starts-feb-29",
     book(contract("C1", [ob("O1", "366.00", "daily", "2024-02-29", "2025-02-28")])),
     "2024-02", "2025-03",
     {("C1", "O1"): ("366.00", seq(months("2024-02", "2025-03"), [1, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28, 0]))})

# monthly, start on the 31st: 2026-01-31..2026-03-30 touches Jan, Feb, Mar (N = 3).
# cum = 100 x k/3: 33.333 -> 33.33, 66.667 -> 66.67, 100.00 -> months 33.33, 33.34, 33.33.
case("method-monthly-starts-31st",
     book(contract("C1", [ob("O1", "100.00", "monthly", "2026-01-31", "2026-03-30")])),
     "2026-01", "2026-03",
     {("C1", "O1"): ("100.00", {"2026-01": "33.33", "2026-02": "33.34", "2026-03": "33.33"})})

# monthly-from-start (QuickBooks' "12 months from the service date's month"): 240.00 from 2026-03-15, months 12.
# N = 12 shares, the first in March whatever the day: cum = 240 x k/12 = 20.00 x k exactly -> 20.00 each month
# Mar 2026 .. Feb 2027, nothing in Mar 2027 (`monthly` over 2026-03-15..2027-03-14 would touch 13 months).
case("method-monthly-from-start",
     book(contract("C1", [ob("O1", "240.00", "monthly-from-start", "2026-03-15", months=12)])),
     "2026-03", "2027-03",
     {("C1", "O1"): ("240.00", seq(months("2026-03", "2027-03"), ["20.00"] * 12 + [0]))})

# monthly-from-start on the 31st: 100.00, months 3 from 2026-01-31 -> Jan, Feb, Mar (the day does not matter).
# cum = 100 x k/3: 33.333 -> 33.33, 66.667 -> 66.67, 100.00 -> months 33.33, 33.34, 33.33; April nothing.
case("method-monthly-from-start-starts-31st",
     book(contract("C1", [ob("O1", "100.00", "monthly-from-start", "2026-01-31", months=3)])),
     "2026-01", "2026-04",
     {("C1", "O1"): ("100.00", {"2026-01": "33.33", "2026-02": "33.34", "2026-03": "33.33"})})

# monthly-prorated from the 30th: 1000.00, 2026-01-30..2026-04-29.
# weights: Jan 2/31, Feb 1, Mar 1, Apr 29/30; over 930: 60, 930, 930, 899; total 2819.
# cum: 1000x60/2819 = 21.2842 -> 21.28; x990/2819 = 351.1884 -> 351.19; x1920/2819 = 681.0926 -> 681.09; 1000.
# months: 21.28, 329.91, 329.90, 318.91.
case("method-monthly-prorated-starts-30th",
     book(contract("C1", [ob("O1", "1000.00", "monthly-prorated", "2026-01-30", "2026-04-29")])),
     "2026-01", "2026-04",
     {("C1", "O1"): ("1000.00", {"2026-01": "21.28", "2026-02": "329.91", "2026-03": "329.90", "2026-04": "318.91"})})

# monthly-prorated across a leap February: 100.00 2024-02-29..2024-03-31.
# weights Feb 1/29, Mar 31/31 = 1; over 29x31 = 899: 31 and 899; total 930.
# cum Feb = 100 x 31/930 = 3.3333 -> 3.33; Mar 96.67.
case("method-monthly-prorated-leap-february",
     book(contract("C1", [ob("O1", "100.00", "monthly-prorated", "2024-02-29", "2024-03-31")])),
     "2024-02", "2024-03",
     {("C1", "O1"): ("100.00", {"2024-02": "3.33", "2024-03": "96.67"})})

# point-in-time: everything in the month of delivery; `end` is not used.
case("method-point-in-time",
     book(contract("C1", [ob("O1", "500.00", "point-in-time", "2026-03-15")])),
     "2026-01", "2026-04",
     {("C1", "O1"): ("500.00", {"2026-03": 500})})

# progress with a step down: 25% (Jan), 60% (Feb), 50% (Mar), 100% (Apr) of 1000.00
# cum 250, 600, 500, 1000 -> 250, 350, -100, 500. Two points in May? none. Two points in Jan: last wins.
case("method-progress-negative-step",
     book(contract("C1", [ob("O1", "1000.00", "progress", "2026-01-05",
                            progress=[{"date": "2026-01-10", "percent": 10}, {"date": "2026-01-20", "percent": "25"},
                                      {"date": "2026-02-10", "percent": 60}, {"date": "2026-03-05", "percent": 50},
                                      {"date": "2026-04-30", "percent": "100.0000"}])])),
     "2026-01", "2026-05",
     {("C1", "O1"): ("1000.00", {"2026-01": 250, "2026-02": 350, "2026-03": -100, "2026-04": 500})})

# progress rounding: 100.00 x 33.3333% = 33.33333 -> 33.33; x 66.6667% = 66.66670 -> 66.67.
case("method-progress-rounding",
     book(contract("C1", [ob("O1", "100.00", "progress", "2026-01-01",
                            progress=[{"date": "2026-01-31", "percent": "33.3333"}, {"date": "2026-02-28", "percent": "66.6667"},
                                      {"date": "2026-03-31", "percent": 100}])])),
     "2026-01", "2026-03",
     {("C1", "O1"): ("100.00", {"2026-01": "33.33", "2026-02": "33.34", "2026-03": "33.33"})})

# manual: amounts as given, listed out of order, with an empty month between.
case("method-manual",
     book(contract("C1", [ob("O1", "1000.00", "manual", "2026-01-01",
                            manual=[{"period": "2026-03", "amount": "700.00"}, {"period": "2026-01", "amount": 300}])])),
     "2026-01", "2026-04",
     {("C1", "O1"): ("1000.00", {"2026-01": 300, "2026-03": 700})})

# relative SSP: total 100.00 over SSPs 1, 1, 1: floors 33.33 each, one cent left, equal remainders
# -> the first listed gets it: 33.34, 33.33, 33.33 (prices as written do not matter, only their total).
case("allocation-ties-go-to-first",
     book(contract("C1", [ob("A", "50.00", "point-in-time", "2026-01-10", ssp=1),
                          ob("B", "25.00", "point-in-time", "2026-01-10", ssp="1"),
                          ob("C", "25.00", "point-in-time", "2026-02-10", ssp="1.000000")])),
     "2026-01", "2026-02",
     {("C1", "A"): ("33.34", {"2026-01": "33.34"}), ("C1", "B"): ("33.33", {"2026-01": "33.33"}),
      ("C1", "C"): ("33.33", {"2026-02": "33.33"})})

# relative SSP, largest remainder: total 1000.00 (100000 cents), SSPs 1200, 600, 200 (sum 2000).
# exact shares 60000, 30000, 10000 cents -> 600.00, 300.00, 100.00 (no remainder).
# and total 100.00, SSPs 2, 1: 6666.67 / 3333.33 cents: floors 6666 + 3333 = 9999, remainders 2 and 1 of 3
# -> the larger remainder gets the cent: 66.67, 33.33.
case("allocation-relative-ssp",
     book(contract("C1", [ob("LIC", "900.00", "point-in-time", "2026-01-15", ssp="1200"),
                          ob("SUP", "100.00", "point-in-time", "2026-01-15", ssp="600"),
                          ob("TRN", "0", "point-in-time", "2026-02-15", ssp="200")]),
          contract("C2", [ob("X", "100.00", "point-in-time", "2026-01-15", ssp=1),
                          ob("Y", "0.00", "point-in-time", "2026-01-15", ssp=2)])),
     "2026-01", "2026-02",
     {("C1", "LIC"): ("600.00", {"2026-01": 600}), ("C1", "SUP"): ("300.00", {"2026-01": 300}),
      ("C1", "TRN"): ("100.00", {"2026-02": 100}),
      ("C2", "X"): ("33.33", {"2026-01": "33.33"}), ("C2", "Y"): ("66.67", {"2026-01": "66.67"})})

# one-cent totals: 2 cents over four equal SSPs: floors 0, remainders equal -> first two get a cent each.
# daily 0.01 over 4 days 2026-01-30..2026-02-02: cum Jan = 0.01 x 2/4 = 0.005 -> 0.01 (half away from zero).
# monthly 0.01 over Jan..Mar: cum 0.0033 -> 0.00, 0.0067 -> 0.01, 0.01 -> 0.00, 0.01, 0.00.
case("one-cent-totals",
     book(contract("C1", [ob("A", "0.01", "point-in-time", "2026-01-01", ssp=1), ob("B", "0.01", "point-in-time", "2026-01-01", ssp=1),
                          ob("C", "0", "point-in-time", "2026-01-01", ssp=1), ob("D", "0", "point-in-time", "2026-01-01", ssp=1)]),
          contract("C2", [ob("E", "0.01", "daily", "2026-01-30", "2026-02-02"), ob("F", "0.01", "monthly", "2026-01-15", "2026-03-14")])),
     "2026-01", "2026-03",
     {("C1", "A"): ("0.01", {"2026-01": "0.01"}), ("C1", "B"): ("0.01", {"2026-01": "0.01"}),
      ("C1", "C"): ("0.00", {}), ("C1", "D"): ("0.00", {}),
      ("C2", "E"): ("0.01", {"2026-01": "0.01"}), ("C2", "F"): ("0.01", {"2026-02": "0.01"})})

SUB = ob("O1", "1200.00", "monthly", "2026-01-01", "2026-12-31")
ADV = [inv("I1", "2026-01-01", "1200.00")]

# the example, prospective: 100.00 Jan-Jun kept; 1800 - 600 = 1200 over Jul-Dec = 200.00.
case("change-modify-prospective",
     book(contract("C1", [SUB], ADV, [{"id": "M1", "type": "modify", "date": "2026-07-01", "obligation": "O1", "price": "1800.00", "treatment": "prospective"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("1800.00", seq(Y26, [100] * 6 + [200] * 6))}, {"C1": {"2026-01": 1200}})

# the example, catch-up: new schedule 150.00/month; July = 7 x 150 - 600 = 450.00; then 150.00.
case("change-modify-catch-up",
     book(contract("C1", [SUB], ADV, [{"id": "M1", "type": "modify", "date": "2026-07-01", "obligation": "O1", "price": "1800.00", "treatment": "catch-up"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("1800.00", seq(Y26, [100] * 6 + [450] + [150] * 5))}, {"C1": {"2026-01": 1200}})

# modify mid-month on a daily obligation, new end only: 900.00 over Jan 1..Mar 31 (90 days, 10.00/day).
# D = 2026-02-15: kept through Feb 14 = 45 days = 450.00; remaining 450.00 over Feb 15..Apr 30
# (14 + 31 + 30 = 75 days) = 6.00/day. Feb = 14 x 10 + 14 x 6 = 224.00; Mar 186.00; Apr 180.00.
case("change-modify-prospective-daily-mid-month",
     book(contract("C1", [ob("O1", "900.00", "daily", "2026-01-01", "2026-03-31")], [],
                   [{"id": "M1", "type": "modify", "date": "2026-02-15", "obligation": "O1", "end": "2026-04-30", "treatment": "prospective"}])),
     "2026-01", "2026-05",
     {("C1", "O1"): ("900.00", {"2026-01": 310, "2026-02": 224, "2026-03": 186, "2026-04": 180})})

# catch-up shortening the term: 1200 monthly Jan-Dec, end moved to 2026-08-31 on 2026-05-15.
# new schedule 1200/8 = 150.00; May = 5 x 150 - 400 = 350.00; Jun-Aug 150.00; Sep-Dec 0.
case("change-modify-catch-up-shorter-term",
     book(contract("C1", [SUB], ADV, [{"id": "M1", "type": "modify", "date": "2026-05-15", "obligation": "O1", "end": "2026-08-31", "treatment": "catch-up"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("1200.00", seq(Y26, [100] * 4 + [350] + [150] * 3 + [0] * 4))}, {"C1": {"2026-01": 1200}})

# modify a progress obligation: 1000.00; 40% at Jan 31 (400.00). On 2026-02-01 price -> 1600.00.
# prospective: keep 400; 1200 spread over the remaining 60 points: Feb at 70% -> 400 + 1200 x 30/60 = 1000 -> 600; Mar 600.
# catch-up: Feb = 1600 x 70% - 400 = 720; Mar = 1600 - 1120 = 480.
PROG = ob("P1", "1000.00", "progress", "2026-01-01", progress=[{"date": "2026-01-31", "percent": 40}, {"date": "2026-02-28", "percent": 70}, {"date": "2026-03-31", "percent": 100}])
for t, amounts in (("prospective", [400, 600, 600]), ("catch-up", [400, 720, 480])):
    case(f"change-modify-{t}-progress",
         book(contract("C1", [PROG], [], [{"id": "M1", "type": "modify", "date": "2026-02-01", "obligation": "P1", "price": "1600", "treatment": t}])),
         "2026-01", "2026-03",
         {("C1", "P1"): ("1600.00", seq(months("2026-01", "2026-03"), amounts))})

# credit memo of 300.00 on 2026-04-10 against 1200 monthly (100.00/month), invoiced 1200 in January.
# immediate: April = 100 - 300 = -200.00, later months as they were. Billed April: -300.00.
case("change-credit-immediate",
     book(contract("C1", [SUB], ADV, [{"id": "CM1", "type": "credit", "date": "2026-04-10", "obligation": "O1", "amount": "300.00", "treatment": "immediate"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("900.00", seq(Y26, [100] * 3 + [-200] + [100] * 8))}, {"C1": {"2026-01": 1200, "2026-04": -300}})

# prospective: keep 300 (Jan-Mar); 900 - 300 = 600 over Apr-Dec (9 months): cum 600 x k/9 =
# 66.67, 133.33, 200.00, 266.67, 333.33, 400.00, 466.67, 533.33, 600.00
# -> 66.67, 66.66, 66.67, 66.67, 66.66, 66.67, 66.67, 66.66, 66.67.
case("change-credit-prospective",
     book(contract("C1", [SUB], ADV, [{"id": "CM1", "type": "credit", "date": "2026-04-10", "obligation": "O1", "amount": "300.00", "treatment": "prospective"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("900.00", seq(Y26, [100] * 3 + ["66.67", "66.66", "66.67", "66.67", "66.66", "66.67", "66.67", "66.66", "66.67"]))},
     {"C1": {"2026-01": 1200, "2026-04": -300}})

# catch-up: new schedule 900/12 = 75.00; April = 4 x 75 - 300 = 0.00; May-Dec 75.00.
case("change-credit-catch-up",
     book(contract("C1", [SUB], ADV, [{"id": "CM1", "type": "credit", "date": "2026-04-10", "obligation": "O1", "amount": "300.00", "treatment": "catch-up"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("900.00", seq(Y26, [100] * 3 + [0] + [75] * 8))}, {"C1": {"2026-01": 1200, "2026-04": -300}})

# add: a support obligation from 2026-06-01 (600.00 monthly Jun-Nov = 100.00), priced on its own;
# and a training delivered 2026-03-10 but only added on 2026-05-01: its 250.00 falls in May, never in March.
# Invoices: 1200 in January, 850 on 2026-06-01. The changes are listed out of date order on purpose;
# added obligations are listed after the original ones in the order they take effect.
case("change-add-obligation",
     book(contract("C1", [SUB], ADV + [inv("I2", "2026-06-01", "850.00")],
                   [{"id": "A2", "type": "add", "date": "2026-06-01", "obligation": ob("SUP", "600.00", "monthly", "2026-06-01", "2026-11-30")},
                    {"id": "A1", "type": "add", "date": "2026-05-01", "obligation": ob("TRN", "250.00", "point-in-time", "2026-03-10")}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("1200.00", seq(Y26, [100] * 12)),
      ("C1", "TRN"): ("250.00", {"2026-05": 250}),
      ("C1", "SUP"): ("600.00", seq(Y26, [0] * 5 + [100] * 6 + [0]))},
     {"C1": {"2026-01": 1200, "2026-06": 850}})

# billed in arrears: 1200 monthly, quarterly invoices of 300.00 at quarter end -> unbilled 100, 200, 0 ...
case("billing-in-arrears",
     book(contract("C1", [SUB], [inv("Q1", "2026-03-31", "300.00", "O1"), inv("Q2", "2026-06-30", 300, "O1")])),
     "2026-01", "2026-06",
     {("C1", "O1"): ("1200.00", seq(Y26, [100] * 12))}, {"C1": {"2026-03": 300, "2026-06": 300}})

# billed in advance, and two contracts never netted: C1 prepaid (deferred), C2 in arrears (unbilled).
# C2: daily 900.00 over 2026-01-15..2026-04-14 (17 + 28 + 31 + 14 = 90 days, 10.00/day): 170, 280, 310, 140.
case("billing-in-advance-and-contracts-not-netted",
     book(contract("C1", [SUB], ADV), contract("C2", [ob("D1", "900", "daily", "2026-01-15", "2026-04-14")], [inv("B1", "2026-04-30", "900")], customer="Beta")),
     "2025-12", "2026-05",
     {("C1", "O1"): ("1200.00", seq(Y26, [100] * 12)), ("C2", "D1"): ("900.00", {"2026-01": 170, "2026-02": 280, "2026-03": 310, "2026-04": 140})},
     {"C1": {"2026-01": 1200}, "C2": {"2026-04": 900}})


# J1 (Acme): subscription 1200.00 monthly 2026, invoiced in advance on 2026-01-01.
# J2 (Beta): consulting 600.00 monthly Jan-Jun (100.00/month), invoiced in arrears 300.00 at 03-31 and 06-30.
JBOOK = book(
    contract("J1", [ob("SUB", "1200.00", "monthly", "2026-01-01", "2026-12-31", item="Subscription", **{"class": "East"})],
             [inv("I1", "2026-01-01", "1200.00", "SUB")]),
    contract("J2", [ob("SVC", "600.00", "monthly", "2026-01-01", "2026-06-30", item="Consulting", **{"class": "East"})],
             [inv("I2", "2026-03-31", "300.00", "SVC"), inv("I3", "2026-06-30", "300.00", "SVC")], customer="Beta"))
ACC = {"revenue": "Revenue", "revenueByItem": {"Consulting": "Consulting Revenue"}, "deferredRevenue": "Deferred Revenue",
       "contractAsset": "Contract Asset", "billingsPostTo": "deferred"}
ACC_REV = dict(ACC, billingsPostTo="revenue")
def L(account, posting, amount, cls=None, customer=None):
    l = {"account": account, "posting": posting, "amount": amount}
    if cls: l["class"] = cls
    if customer: l["customer"] = customer
    return l

# February, invoices posted to deferred revenue:
# J1: revenue 100; deferred 1100 -> 1000 (move -100), nothing billed -> debit deferred 100.
# J2: revenue 100; unbilled 100 -> 200 -> debit contract asset 100. Both contracts are all "East".
case("journal-deferred-month", JBOOK, None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-02", "detail": "summary"},
    "expected": {"period": "2026-02", "date": "2026-02-28", "lines": [
        L("Consulting Revenue", "Credit", "100.00", "East"), L("Revenue", "Credit", "100.00", "East"),
        L("Deferred Revenue", "Debit", "100.00", "East"), L("Contract Asset", "Debit", "100.00", "East")]}})

# same month by customer: the lines split by customer.
case("journal-deferred-month-by-customer", JBOOK, None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-02", "detail": "customer"},
    "expected": {"period": "2026-02", "date": "2026-02-28", "lines": [
        L("Consulting Revenue", "Credit", "100.00", "East", "Beta"), L("Revenue", "Credit", "100.00", "East", "Acme"),
        L("Deferred Revenue", "Debit", "100.00", "East", "Acme"), L("Contract Asset", "Debit", "100.00", "East", "Beta")]}})

# a first close catching up Jan-Mar, invoices posted to deferred revenue:
# J1: revenue 300; deferred 0 -> 900 (+900) minus billed 1200 -> debit deferred 300.
# J2: revenue 300; billed 300 (already credited to deferred); balances 0 -> 0 -> debit deferred 300.
case("journal-deferred-range", JBOOK, None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-01..2026-03", "detail": "summary"},
    "expected": {"period": "2026-01..2026-03", "date": "2026-03-31", "lines": [
        L("Consulting Revenue", "Credit", "300.00", "East"), L("Revenue", "Credit", "300.00", "East"),
        L("Deferred Revenue", "Debit", "600.00", "East")]}})

# the same range with invoices posted to revenue:
# J1: credit revenue 300, debit revenue 1200 for what the invoice put there (net debit 900), credit deferred 900.
# J2: credit consulting 300, debit consulting 300 (its invoice) -> nets to nothing; balances unchanged.
case("journal-revenue-range", JBOOK, None, None, None, accounts=ACC_REV, journal={
    "args": {"command": "journal", "period": "2026-01..2026-03", "detail": "summary"},
    "expected": {"period": "2026-01..2026-03", "date": "2026-03-31", "lines": [
        L("Revenue", "Debit", "900.00", "East"), L("Deferred Revenue", "Credit", "900.00", "East")]}})

# February with invoices posted to revenue: J1 credit revenue 100, debit deferred 100;
# J2 credit consulting 100, debit contract asset 100 (no invoice in February).
case("journal-revenue-month", JBOOK, None, None, None, accounts=ACC_REV, journal={
    "args": {"command": "journal", "period": "2026-02", "detail": "summary"},
    "expected": {"period": "2026-02", "date": "2026-02-28", "lines": [
        L("Consulting Revenue", "Credit", "100.00", "East"), L("Revenue", "Credit", "100.00", "East"),
        L("Deferred Revenue", "Debit", "100.00", "East"), L("Contract Asset", "Debit", "100.00", "East")]}})

# mixed classes: East subscription (100.00/month) and West setup 500.00 delivered 2026-01-20, invoiced 1700 on 01-05.
# January: credit Revenue 100 East, Services Revenue 500 West; deferred 0 -> 1100 (+1100) less billed 1700
# -> debit deferred 600, with no class because the contract's obligations do not share one.
# A credit memo of 200.00 on the setup (immediate) in February with invoices posted to deferred:
# February revenue: 100 - 200 = -100 (subscription +100 East, setup -200 West);
# deferred 1100 -> 1000 - 200 billed... : billed Feb = -200; recognized to date 500; billed to date 1500 -> deferred 1000;
# move -100, minus billed (-200) -> +100 credit deferred.
MIXED = book(contract("M1", [ob("SUB", "1200.00", "monthly", "2026-01-01", "2026-12-31", item="Subscription", **{"class": "East"}),
                             ob("SET", "500.00", "point-in-time", "2026-01-20", item="Setup", **{"class": "West"})],
                      [inv("I1", "2026-01-05", "1700.00")],
                      [{"id": "CM1", "type": "credit", "date": "2026-02-10", "obligation": "SET", "amount": "200.00", "treatment": "immediate"}]))
ACC_MIXED = dict(ACC, revenueByItem={"Setup": "Services Revenue"})
case("journal-mixed-classes-january", MIXED, None, None, None, accounts=ACC_MIXED, journal={
    "args": {"command": "journal", "period": "2026-01", "detail": "summary"},
    "expected": {"period": "2026-01", "date": "2026-01-31", "lines": [
        L("Revenue", "Credit", "100.00", "East"), L("Services Revenue", "Credit", "500.00", "West"),
        L("Deferred Revenue", "Debit", "600.00")]}})
case("journal-credit-memo-february", MIXED, None, None, None, accounts=ACC_MIXED, journal={
    "args": {"command": "journal", "period": "2026-02", "detail": "summary"},
    "expected": {"period": "2026-02", "date": "2026-02-28", "lines": [
        L("Revenue", "Credit", "100.00", "East"), L("Services Revenue", "Debit", "200.00", "West"),
        L("Deferred Revenue", "Credit", "100.00")]}})
# the same February with invoices (and credit memos) posted to revenue: the credit memo already debited
# Services Revenue 200 (West), so the engine credits it back; recognized -200 there -> nets to nothing.
# Subscription: credit 100. Deferred moves 1100 -> 1000: debit 100.
case("journal-credit-memo-february-revenue-mode", MIXED, None, None, None, accounts=dict(ACC_MIXED, billingsPostTo="revenue"), journal={
    "args": {"command": "journal", "period": "2026-02", "detail": "summary"},
    "expected": {"period": "2026-02", "date": "2026-02-28", "lines": [
        L("Revenue", "Credit", "100.00", "East"), L("Deferred Revenue", "Debit", "100.00")]}})

# per-item billings: subscription invoices post to deferred revenue (the global setting), training invoices and
# credit memos to revenue (billingsPostToByItem). K1 (Acme): subscription 1200.00 monthly 2026 (100.00/month),
# invoiced 1200.00 on 01-01; training 300.00 monthly Jan-Mar (100.00/month) invoiced 300.00 on 01-15; a credit
# memo of 60.00 on the training on 02-10 (immediate): training Jan 100, Feb 40, Mar 100 (240 in all).
# Contract: recognized to date Jan 200, Feb 340, Mar 540; billed to date 1500, 1440, 1440;
# deferred 1300, 1100, 900; never unbilled.
PER_ITEM = book(contract("K1", [ob("SUB", "1200.00", "monthly", "2026-01-01", "2026-12-31", item="Subscription", **{"class": "East"}),
                                ob("TRN", "300.00", "monthly", "2026-01-01", "2026-03-31", item="Training", **{"class": "East"})],
                         [inv("I1", "2026-01-01", "1200.00", "SUB"), inv("I2", "2026-01-15", "300.00", "TRN")],
                         [{"id": "CM1", "type": "credit", "date": "2026-02-10", "obligation": "TRN", "amount": "60.00", "treatment": "immediate"}]))
ACC_PER_ITEM = dict(ACC, revenueByItem={"Training": "Training Revenue"}, billingsPostToByItem={"Training": "revenue"})
# January: credit Revenue 100 (subscription) and Training Revenue 100. I1 (1200, to deferred) is B_d; I2 (300, to
# revenue) is debited back from Training Revenue -> Training Revenue nets to a debit of 200.
# Deferred moves 0 -> 1300 (+1300) less B_d 1200 -> credit 100. Debits 200 = credits 100 + 100.
# Ledger after: deferred 1200 + 100 = 1300 (engine); Training Revenue 300 - 200 = 100 (recognized).
case("journal-billings-per-item-january", PER_ITEM, None, None, None, accounts=ACC_PER_ITEM, journal={
    "args": {"command": "journal", "period": "2026-01", "detail": "summary"},
    "expected": {"period": "2026-01", "date": "2026-01-31", "lines": [
        L("Revenue", "Credit", "100.00", "East"), L("Training Revenue", "Debit", "200.00", "East"),
        L("Deferred Revenue", "Credit", "100.00", "East")]}})
# February-March: credit Revenue 200 (subscription) and Training Revenue 40 + 100 = 140. CM1 (-60, to revenue)
# already debited Training Revenue 60 in QBO, so it is credited back: Training Revenue credit 200 in all.
# Nothing billed to deferred; deferred moves 1300 -> 900: debit 400. Debits 400 = credits 200 + 200.
# Ledger after: deferred 1300 - 400 = 900; Training Revenue 100 - 60 + 200 = 240 = Jan-Mar recognized.
case("journal-billings-per-item-range", PER_ITEM, None, None, None, accounts=ACC_PER_ITEM, journal={
    "args": {"command": "journal", "period": "2026-02..2026-03", "detail": "summary"},
    "expected": {"period": "2026-02..2026-03", "date": "2026-03-31", "lines": [
        L("Revenue", "Credit", "200.00", "East"), L("Training Revenue", "Credit", "200.00", "East"),
        L("Deferred Revenue", "Debit", "400.00", "East")]}})

# discounted invoices. QBO posts a discounted line of an item at its GROSS amount to the item's income account and
# debits the discount account (DiscountAccountRef) with the discount; the book bills the NET amount (the
# transaction price). D1 (Acme, all "East"): subscription 1080.00 monthly 2026 (90.00/month), invoiced 1080.00 net
# on 01-01 (gross 1200.00 less 120.00 discount), a deferred-revenue item; training 270.00 delivered 01-20, invoiced
# 270.00 net on 01-15 (gross 300.00 less 30.00), a revenue item (billingsPostToByItem).
# January: recognized 90 (Revenue) + 270 (Training Revenue) = 360; billed (net) 1350 -> deferred 0 -> 990.
# - I1 posted to deferred at gross: B_d = 1200 -> deferred moves 990 - 1200 = -210: debit 210.
# - I2 posted to revenue at gross: Training Revenue debited back 300; with 270 recognized it nets to a debit of 30.
# - QBO debited Discounts given 120 + 30 = 150: credited back 150 (class East, the contract's shared class).
# Credits 90 + 150 = 240 = debits 30 + 210.
# Ledger after (QBO's postings + this entry): Deferred Revenue 1200 - 210 = 990 (engine); Training Revenue
# 300 - 30 = 270 (recognized); Revenue 90 (recognized); Discounts given -150 + 150 = 0.
DISC = book(contract("D1", [ob("SUB", "1080.00", "monthly", "2026-01-01", "2026-12-31", item="Subscription", **{"class": "East"}),
                            ob("TRN", "270.00", "point-in-time", "2026-01-20", item="Training", **{"class": "East"})],
                     [inv("I1", "2026-01-01", "1080.00", "SUB", ("120.00", "Discounts given")),
                      inv("I2", "2026-01-15", "270.00", "TRN", ("30.00", "Discounts given"))]))
case("journal-discounted-invoices-january", DISC, None, None, None, accounts=ACC_PER_ITEM, journal={
    "args": {"command": "journal", "period": "2026-01", "detail": "summary"},
    "expected": {"period": "2026-01", "date": "2026-01-31", "lines": [
        L("Discounts given", "Credit", "150.00", "East"), L("Revenue", "Credit", "90.00", "East"),
        L("Training Revenue", "Debit", "30.00", "East"), L("Deferred Revenue", "Debit", "210.00", "East")]}})
# February, by customer: no billing, so no discount line; revenue 90; deferred 990 -> 900: debit 90.
case("journal-discounted-invoices-february", DISC, None, None, None, accounts=ACC_PER_ITEM, journal={
    "args": {"command": "journal", "period": "2026-02", "detail": "customer"},
    "expected": {"period": "2026-02", "date": "2026-02-28", "lines": [
        L("Revenue", "Credit", "90.00", "East", "Acme"), L("Deferred Revenue", "Debit", "90.00", "East", "Acme")]}})

# a discounted credit memo, the mirror of a discounted invoice: QBO DEBITS the item's income account with the
# credit memo line's GROSS amount, credits the discount account with the discount and credits A/R with the net; the
# book credits the NET amount. D2 (Acme, "East"): subscription 1000.00 monthly 2026, invoiced 1000.00 net on 01-01
# (gross 1100.00 less 100.00); credit memo 200.00 net on 03-10 (gross 220.00 less 20.00), prospective.
# Recognized: cum Jan 83.33, Feb 166.67 (1000 x 2/12); from March 800 - 166.67 = 633.33 over Mar-Dec: March
# 633.33 x 1/10 = 63.33. Billed to date 1000 (Jan, Feb), 800 (Mar) -> deferred end Feb 833.33, end Mar
# 800 - 230.00 = 570.00: moves -263.33.
# - Posted to deferred: QBO took the gross 220 off deferred (B_d = -220) -> deferred moves -263.33 + 220 = -43.33:
#   debit 43.33. QBO credited Discounts given 20: debited back 20. Credits 63.33 = debits 43.33 + 20.
#   Ledger: Deferred Revenue 1100 (invoice) - 183.33 (Jan entry) - 83.34 (Feb) - 220 (memo) - 43.33 = 570.00
#   (engine); Discounts given -100 + 100 (Jan entry) + 20 - 20 = 0.
# - Posted to revenue: QBO debited Revenue 220: credited back with the 63.33 recognized -> Revenue credit 283.33;
#   deferred moves -263.33: debit 263.33; Discounts given debit 20. Credits 283.33 = debits 263.33 + 20.
DISC_CM = book(contract("D2", [ob("SUB", "1000.00", "monthly", "2026-01-01", "2026-12-31", item="Subscription", **{"class": "East"})],
                        [inv("I1", "2026-01-01", "1000.00", "SUB", ("100.00", "Discounts given"))],
                        [{"id": "CM1", "type": "credit", "date": "2026-03-10", "obligation": "SUB", "amount": "200.00",
                          "treatment": "prospective", "discount": {"amount": "20.00", "account": "Discounts given"}}]))
case("journal-discounted-credit-memo-march", DISC_CM, None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-03", "detail": "summary"},
    "expected": {"period": "2026-03", "date": "2026-03-31", "lines": [
        L("Discounts given", "Debit", "20.00", "East"), L("Revenue", "Credit", "63.33", "East"),
        L("Deferred Revenue", "Debit", "43.33", "East")]}})
case("journal-discounted-credit-memo-march-revenue-mode", DISC_CM, None, None, None, accounts=dict(ACC, billingsPostTo="revenue"), journal={
    "args": {"command": "journal", "period": "2026-03", "detail": "summary"},
    "expected": {"period": "2026-03", "date": "2026-03-31", "lines": [
        L("Discounts given", "Debit", "20.00", "East"), L("Revenue", "Credit", "283.33", "East"),
        L("Deferred Revenue", "Debit", "263.33", "East")]}})

# --- more changes and month-end starts ---

# manual, modified on 2026-02-10 (Jan 300 and Mar 700 of 1000.00):
# prospective to 1300: keep 300 (Jan); the rest, 1000, is weighted by the manual amounts from February on
# (only March's 700) -> March 1000.00.
# catch-up to 1300: the manual amounts scale to 1300: cumulative Feb = 1300 x 300/1000 = 390 -> Feb 90; Mar 910.
MAN = ob("M1", "1000.00", "manual", "2026-01-01", manual=[{"period": "2026-01", "amount": 300}, {"period": "2026-03", "amount": 700}])
for t, amounts in (("prospective", [300, 0, 1000]), ("catch-up", [300, 90, 910])):
    case(f"change-modify-{t}-manual",
         book(contract("C1", [MAN], [], [{"id": "M1", "type": "modify", "date": "2026-02-10", "obligation": "M1", "price": "1300", "treatment": t}])),
         "2026-01", "2026-03",
         {("C1", "M1"): ("1300.00", seq(months("2026-01", "2026-03"), amounts))})

# a modify after the service ended: 600.00 monthly Jan-Jun (100.00), price 660.00 on 2026-09-15.
# prospective: 600 kept, nothing of the service is left, so the 60.00 falls in September.
# catch-up: new schedule 110.00 a month, cumulative at September 660 - 600 = 60.00 in September too.
for t in ("prospective", "catch-up"):
    case(f"change-modify-{t}-after-service-ended",
         book(contract("C1", [ob("O1", "600.00", "monthly", "2026-01-01", "2026-06-30")], [],
                       [{"id": "M1", "type": "modify", "date": "2026-09-15", "obligation": "O1", "price": "660.00", "treatment": t}])),
         "2026-01", "2026-10",
         {("C1", "O1"): ("660.00", seq(months("2026-01", "2026-10"), [100] * 6 + [0, 0, 60, 0]))})

# monthly-prorated, prospective from the first day of the period of D: 300.00 over Jan-Mar (full months,
# 100.00 each); price 450.00 on 2026-02-20 -> keep January's 100; 350 over February and March
# (both full) = 175.00 each.
case("change-modify-prospective-monthly-prorated",
     book(contract("C1", [ob("O1", "300.00", "monthly-prorated", "2026-01-01", "2026-03-31")], [],
                   [{"id": "M1", "type": "modify", "date": "2026-02-20", "obligation": "O1", "price": "450.00", "treatment": "prospective"}])),
     "2026-01", "2026-03",
     {("C1", "O1"): ("450.00", {"2026-01": 100, "2026-02": 175, "2026-03": 175})})

# daily starting on the 31st: 31.00 over 2026-01-31..2026-03-02 (1 + 28 + 2 = 31 days) = 1.00 a day.
case("method-daily-starts-31st",
     book(contract("C1", [ob("O1", "31.00", "daily", "2026-01-31", "2026-03-02")])),
     "2026-01", "2026-03",
     {("C1", "O1"): ("31.00", {"2026-01": 1, "2026-02": 28, "2026-03": 2})})

# a credit memo after delivery, prospective: 500.00 delivered 2026-02-10, invoiced then; credit 100.00 on
# 2026-04-05. Kept: 500 (through March); the new price 400 leaves -100, recognized in April (nothing of
# the delivery is left to spread over). Billed: 500 in February, -100 in April.
case("change-credit-prospective-after-delivery",
     book(contract("C1", [ob("P1", "500.00", "point-in-time", "2026-02-10")], [inv("I1", "2026-02-10", "500.00")],
                   [{"id": "CM1", "type": "credit", "date": "2026-04-05", "obligation": "P1", "amount": "100", "treatment": "prospective"}])),
     "2026-01", "2026-05",
     {("C1", "P1"): ("400.00", {"2026-02": 500, "2026-04": -100})}, {"C1": {"2026-02": 500, "2026-04": -100}})

# manual amounts summing to zero (price 0.00): recognized as written, +100.00 then -100.00.
case("method-manual-zero-total",
     book(contract("C1", [ob("O1", "0", "manual", "2026-01-01",
                            manual=[{"period": "2026-01", "amount": "100"}, {"period": "2026-02", "amount": "-100"}])])),
     "2026-01", "2026-03",
     {("C1", "O1"): ("0.00", {"2026-01": 100, "2026-02": -100})})

# manual amounts that weigh nothing in total cannot be scaled to a new price: they stay as written and
# the difference falls in the first period the change may move.
# Z1 (0.00: Jan +100, Feb -100), catch-up to 40.00 on 2026-02-01: the new terms are Jan 140, Feb -100
# (cumulative Feb 40); January keeps its 100, so February takes 40 - 100 = -60.
# Z2 (100.00: Jan 100, Feb 50, Mar -50), prospective to 130.00 on 2026-02-01: January's 100 is kept; the
# 30.00 left is added to February's amount (the Feb/Mar amounts sum to zero): Feb 80, Mar -50.
case("change-modify-manual-zero-total",
     book(contract("C1", [ob("Z1", "0", "manual", "2026-01-01",
                             manual=[{"period": "2026-01", "amount": "100"}, {"period": "2026-02", "amount": "-100"}]),
                          ob("Z2", "100", "manual", "2026-01-01",
                             manual=[{"period": "2026-01", "amount": "100"}, {"period": "2026-02", "amount": "50"},
                                     {"period": "2026-03", "amount": "-50"}])], [],
                   [{"id": "M1", "type": "modify", "date": "2026-02-01", "obligation": "Z1", "price": "40", "treatment": "catch-up"},
                    {"id": "M2", "type": "modify", "date": "2026-02-01", "obligation": "Z2", "price": "130", "treatment": "prospective"}])),
     "2026-01", "2026-03",
     {("C1", "Z1"): ("40.00", {"2026-01": 100, "2026-02": -60}),
      ("C1", "Z2"): ("130.00", {"2026-01": 100, "2026-02": 80, "2026-03": -50})})

# --- issue 14: the allocation and change rules ---

# same-day changes apply in the order listed, each on the result of the one before, and a modify's price is
# before the credit memos already applied (they stay deducted). SUB 1200.00 monthly 2026 (100.00 a month),
# invoiced 1200.00 on 01-01. On 2026-04-10 a credit memo of 300.00 (catch-up), then, listed after it, an upgrade
# to 1800.00 (catch-up) invoiced 600.00 that day. New price = 1800 - 300 = 1500 (before the rule, 1800: the
# credit was lost and 300.00 stayed unbilled for ever). Catch-up: 1500 / 12 = 125.00 a month; cumulative at March
# 300, at April 4 x 125 = 500 -> April 200.00; May-Dec 125.00. Billed: Jan 1200, Apr -300 + 600 = 300; in all 1500
# = recognized, so the contract ends with no balance.
case("change-same-day-credit-then-modify",
     book(contract("C1", [SUB], ADV + [inv("I2", "2026-04-10", "600.00")],
                   [{"id": "CM1", "type": "credit", "date": "2026-04-10", "obligation": "O1", "amount": "300.00", "treatment": "catch-up"},
                    {"id": "M1", "type": "modify", "date": "2026-04-10", "obligation": "O1", "price": "1800.00", "treatment": "catch-up"}])),
     "2026-01", "2026-12",
     {("C1", "O1"): ("1500.00", seq(Y26, [100] * 3 + [200] + [125] * 8))}, {"C1": {"2026-01": 1200, "2026-04": 300}})

# residual approach (ASC 606-10-32-34(c)): the obligation whose SSP is highly variable gets the contract's price
# less the other obligations' SSPs. R1: licence (residual), support SSP 1500, installation SSP 500, sold together
# for 10000.00 (prices as written do not matter, only their total): licence 10000 - 2000 = 8000.00; the others
# get their SSP exactly. R2: 100.00 with SSPs 33.333333, 33.333333 and the residual 100 - 66.666666 = 33.333334:
# exact shares 3333.3333, 3333.3333, 3333.3334 cents; floors 3333 x 3 = 9999; the largest remainder (the
# residual's) gets the cent: 33.33, 33.33, 33.34.
case("allocation-residual",
     book(contract("R1", [ob("LIC", "9000.00", "point-in-time", "2026-01-15", ssp="residual"),
                          ob("SUP", "1000.00", "point-in-time", "2026-01-15", ssp="1500"),
                          ob("INS", "0", "point-in-time", "2026-02-15", ssp=500)]),
          contract("R2", [ob("A", "100.00", "point-in-time", "2026-01-15", ssp="33.333333"),
                          ob("B", "0", "point-in-time", "2026-01-15", ssp="33.333333"),
                          ob("C", "0", "point-in-time", "2026-01-15", ssp="residual")])),
     "2026-01", "2026-02",
     {("R1", "LIC"): ("8000.00", {"2026-01": 8000}), ("R1", "SUP"): ("1500.00", {"2026-01": 1500}),
      ("R1", "INS"): ("500.00", {"2026-02": 500}),
      ("R2", "A"): ("33.33", {"2026-01": "33.33"}), ("R2", "B"): ("33.33", {"2026-01": "33.33"}),
      ("R2", "C"): ("33.34", {"2026-01": "33.34"})})

# ASC 606-10-55-259 to 55-269, Example 34 (allocating a discount), all products delivered 2026-01-15; prices as
# written do not matter, only their total.
# Case A, the discount shared by all: SSPs A 50, B 25, C 75 (150), sold for 100.00. Exact shares in cents
# 10000 x 50/150 = 3333.33, x 25/150 = 1666.67, x 75/150 = 5000; floors 3333 + 1666 + 5000 = 9999; the cent goes
# to the largest remainder (B's .67): A 33.33, B 16.67, C 50.00 (the standard rounds to 33, 17, 50).
# Case B, the discount belongs to B and C: SSPs A 40, B 55, C 45 (140), sold for 100.00; B and C are regularly
# sold together for 60 (a discount group at 60.00), A alone for 40. The group gets 60 by relative SSP:
# B 60 x 55/100 = 33.00, C 60 x 45/100 = 27.00; A, outside every group, gets the rest 100 - 60 = 40.00.
# Case C, the residual approach: Case B plus D, whose SSP is highly variable (residual), sold for 130.00. The
# group takes 60 as in Case B; A and D share the 70 left: D's SSP is 70 - 40 = 30, so A 40.00, D 30.00.
# Obligation ids are unique in a book: the products are numbered by case (A1 is product A in Case A).
def ex34(cid, n, price, ssps, group=False):
    c = contract(cid, [ob(f"{o}{n}", price if k == 0 else "0", "point-in-time", "2026-01-15", ssp=ssp) for k, (o, ssp) in enumerate(ssps)])
    if group: c["discountGroups"] = [{"id": "BC", "obligations": [f"B{n}", f"C{n}"], "price": "60.00"}]
    return c
case("allocation-example-34",
     book(ex34("CASE-A", 1, "100", [("A", 50), ("B", 25), ("C", 75)]),
          ex34("CASE-B", 2, "100", [("A", 40), ("B", 55), ("C", 45)], True),
          ex34("CASE-C", 3, "130", [("A", 40), ("B", 55), ("C", 45), ("D", "residual")], True)),
     "2026-01", "2026-01",
     {("CASE-A", "A1"): ("33.33", {"2026-01": "33.33"}), ("CASE-A", "B1"): ("16.67", {"2026-01": "16.67"}),
      ("CASE-A", "C1"): ("50.00", {"2026-01": 50}),
      ("CASE-B", "A2"): ("40.00", {"2026-01": 40}), ("CASE-B", "B2"): ("33.00", {"2026-01": 33}),
      ("CASE-B", "C2"): ("27.00", {"2026-01": 27}),
      ("CASE-C", "A3"): ("40.00", {"2026-01": 40}), ("CASE-C", "B3"): ("33.00", {"2026-01": 33}),
      ("CASE-C", "C3"): ("27.00", {"2026-01": 27}), ("CASE-C", "D3"): ("30.00", {"2026-01": 30})})

# a contract-level price change (ASC 606-10-32-42 to 32-44): allocated on the inception basis, the satisfied
# share recognized at once. P1: X delivered 2026-01-15 and a service Y over 2026 (monthly), SSPs 600 each, sold
# for 1200.00 -> 600.00 each. On 2026-04-01 the price rises by 240.00 (a bonus now earned), invoiced 04-30.
# Shares on the inception amounts 600:600 -> 120.00 each. X is satisfied: its 120.00 falls in April. Y is caught
# up: new price 720.00 = 60.00 a month; cumulative at April 4 x 60 = 240 less March's 3 x 50 = 150 -> April 90.00
# (60 for April and 30, the satisfied 3/12 of its share, at once); May-Dec 60.00.
# P2: three deliveries of 100.00 in January (no SSPs: the basis is their prices); a concession of -100.01 on
# 2026-02-10: exact shares 3333.67 cents each, floors 3333 x 3 = 9999, the 2 cents left to the first two on
# equal remainders -> -33.34, -33.34, -33.33, all in February (all satisfied).
case("change-price-contract",
     book(contract("P1", [ob("X", "1200.00", "point-in-time", "2026-01-15", ssp=600), ob("Y", "0", "monthly", "2026-01-01", "2026-12-31", ssp=600)],
                   [inv("I1", "2026-01-01", "1200.00"), inv("I2", "2026-04-30", "240.00")],
                   [{"id": "P", "type": "price", "date": "2026-04-01", "amount": "240.00"}]),
          contract("P2", [ob(o, "100", "point-in-time", "2026-01-20") for o in ("A", "B", "C")], [],
                   [{"id": "P", "type": "price", "date": "2026-02-10", "amount": "-100.01"}])),
     "2026-01", "2026-12",
     {("P1", "X"): ("720.00", {"2026-01": 600, "2026-04": 120}),
      ("P1", "Y"): ("720.00", seq(Y26, [50] * 3 + [90] + [60] * 8)),
      ("P2", "A"): ("66.66", {"2026-01": 100, "2026-02": "-33.34"}), ("P2", "B"): ("66.66", {"2026-01": 100, "2026-02": "-33.34"}),
      ("P2", "C"): ("66.67", {"2026-01": 100, "2026-02": "-33.33"})},
     {"P1": {"2026-01": 1200, "2026-04": 240}})

from decimal import ROUND_HALF_UP
def straight(total, n):
    """n equal months of `total`: cumulative total x k / n rounded half away from zero to the cent, differenced."""
    total = D(total); out = []; prev = D(0)
    for k in range(1, n + 1):
        cum = (total * k / n).quantize(D("0.01"), rounding=ROUND_HALF_UP); out.append(cum - prev); prev = cum
    return out

# an add that terminates the old contract and creates a new one (ASC 606-10-25-13(a)): the consideration not yet
# recognized plus the added price, pooled and allocated over the remaining obligations and the added one by
# relative SSP (a remaining obligation's SSP is what it has not recognized, unless remainingSsp says otherwise).
# Our figures (reference/asc606-examples.md): a subscription of 12,000.00 over 2026 (1,000.00 a month, invoiced
# 12,000.00 in January); on 2026-07-01 support for July-December (SSP 1,500) is added for 1,000.00 (invoiced then).
# Unrecognized: 12,000 - 6 x 1,000 = 6,000 (its remaining SSP); pool 6,000 + 1,000 = 7,000; subscription
# 7,000 x 6,000 / 7,500 = 5,600.00, support 1,400.00. The subscription keeps its 6,000 and spreads 5,600 over
# July-December (cumulative 5,600 x k/6: 933.33, 1866.67, 2800 ...: 933.33, 933.34, 933.33, ...); the support
# 1,400 x k/6 likewise (233.33, 233.34, 233.33, ...). Billed 13,000 = recognized 6,000 + 5,600 + 1,400.
case("change-add-reallocate",
     book(contract("R1", [ob("SUBS", "12000.00", "monthly", "2026-01-01", "2026-12-31")],
                   [inv("I1", "2026-01-01", "12000.00"), inv("I2", "2026-07-01", "1000.00")],
                   [{"id": "A1", "type": "add", "date": "2026-07-01", "reallocate": True,
                     "obligation": ob("SUPP", "1000.00", "monthly", "2026-07-01", "2026-12-31", ssp="1500")}])),
     "2026-01", "2026-12",
     {("R1", "SUBS"): ("11600.00", seq(Y26, [1000] * 6 + straight("5600", 6))),
      ("R1", "SUPP"): ("1400.00", seq(Y26, [0] * 6 + straight("1400", 6)))},
     {"R1": {"2026-01": 12000, "2026-07": 1000}})

# Example 7 of the standard (55-131 to 55-134, a services contract modified): three years of services at 100,000 a
# year (300,000.00 monthly 2024-2026, invoiced yearly in advance); at the start of year 3 (2026-01-01) the fee for
# year 3 falls to 80,000 (a prospective modify of the price to 280,000.00, listed first) and three more years are
# added for 200,000 (an add that reallocates; the SSP of three years is 3 x 80,000 = 240,000). Unrecognized
# 280,000 - 200,000 = 80,000; pool 80,000 + 200,000 = 280,000 over weights 80,000 : 240,000 -> 70,000 and
# 210,000: 70,000 a year for each of the four years left, as the standard concludes. Monthly, 70,000 / 12 and
# 210,000 / 36 are both 5,833.33...: cumulative rounding gives 5,833.33, 5,833.34, 5,833.33 in every quarter.
EX7 = months("2024-01", "2029-12")
case("change-add-reallocate-example-7",
     book(contract("SVC", [ob("CLEAN", "300000.00", "monthly", "2024-01-01", "2026-12-31")],
                   [inv("Y1", "2024-01-01", "100000.00"), inv("Y2", "2025-01-01", "100000.00"), inv("Y3", "2026-01-01", "80000.00"),
                    inv("Y4", "2027-01-01", "66666.67"), inv("Y5", "2028-01-01", "66666.67"), inv("Y6", "2029-01-01", "66666.66")],
                   [{"id": "M", "type": "modify", "date": "2026-01-01", "obligation": "CLEAN", "price": "280000.00", "treatment": "prospective"},
                    {"id": "X", "type": "add", "date": "2026-01-01", "reallocate": True,
                     "obligation": ob("CLEAN-EXT", "200000.00", "monthly", "2027-01-01", "2029-12-31", ssp="240000")}])),
     "2025-12", "2027-03",
     {("SVC", "CLEAN"): ("270000.00", seq(EX7, straight("200000", 24) + straight("70000", 12))),
      ("SVC", "CLEAN-EXT"): ("210000.00", seq(EX7, [0] * 36 + straight("210000", 36)))},
     {"SVC": {"2024-01": 100000, "2025-01": 100000, "2026-01": 80000, "2027-01": "66666.67", "2028-01": "66666.67", "2029-01": "66666.66"}})

# Example 5 Case B of the standard (55-114 to 55-116): 120 products for 12,000 (100 each), 30 a month from January
# (progress 25%, 50%, 75%, 100%). After 60 are delivered, on 2026-03-01 30 more are added at 80 each, their SSP,
# with a credit of 15 each for minor defects in the 60 delivered (900.00), folded into the price the customer
# pays for the 30 (1,500). The added products are a separate contract (25-12: an add at SSP, no reallocation);
# the credit is a price concession on products already delivered, so it is reduced from revenue at once (an
# immediate credit of 900.00, allowed: 9,000.00 recognized by the end of March). Products: 3,000, 3,000,
# 3,000 - 900 = 2,100, 3,000 (11,100 in all); the added 30, delivered 15 in March and 15 in April (50%, 100%):
# 1,200.00 each. Billed: 12,000 in January; 2,400.00 less the 900.00 credit memo in March.
case("change-example-5-case-b",
     book(contract("EX5", [ob("UNITS", "12000.00", "progress", "2026-01-01",
                              progress=[{"date": f"2026-0{m}-28", "percent": p} for m, p in ((1, 25), (2, 50), (3, 75), (4, 100))])],
                   [inv("I1", "2026-01-05", "12000.00"), inv("I2", "2026-03-01", "2400.00")],
                   [{"id": "CM", "type": "credit", "date": "2026-03-01", "obligation": "UNITS", "amount": "900.00", "treatment": "immediate"},
                    {"id": "ADD", "type": "add", "date": "2026-03-01",
                     "obligation": ob("UNITS-30", "2400.00", "progress", "2026-03-01",
                                      progress=[{"date": "2026-03-28", "percent": 50}, {"date": "2026-04-28", "percent": 100}])}])),
     "2026-01", "2026-04",
     {("EX5", "UNITS"): ("11100.00", {"2026-01": 3000, "2026-02": 3000, "2026-03": 2100, "2026-04": 3000}),
      ("EX5", "UNITS-30"): ("2400.00", {"2026-03": 1200, "2026-04": 1200})},
     {"EX5": {"2026-01": 12000, "2026-03": 1500}})

# Example 6 of the standard (55-135 to 55-140, a change in the transaction price after a modification): X and Y
# (equal SSPs) for 1,000 fixed plus 200 of variable consideration expected: 1,200.00, 600.00 each. X is delivered
# at inception (2026-07-01), Y on 2027-03-31. On 2026-11-30 Z (delivered 2027-06-30, the same SSP) is added for
# 300 (an add that reallocates: the remaining consideration 600 of Y plus 300 is pooled over Y and Z, equal
# SSPs -> 450.00 each). On 2027-03-31 the variable consideration is re-estimated at 240: a price change of +40.00,
# split on the inception basis (X 20, Y 20; 32-45(a): it was promised before the modification), and Y's 20 again
# over its pool (Y 10, Z 10). X is satisfied: its 20 falls in March 2027. Y: 450 + 10 = 460.00, delivered in
# March 2027; Z: 460.00 in June 2027. In all 620 + 460 + 460 = 1,540 = 1,240 + 300.
case("change-price-after-modification-example-6",
     book(contract("EX6", [ob("X", "1200.00", "point-in-time", "2026-07-01", ssp=1), ob("Y", "0", "point-in-time", "2027-03-31", ssp=1)], [],
                   [{"id": "MOD", "type": "add", "date": "2026-11-30", "reallocate": True, "remainingSsp": {"Y": "1"},
                     "obligation": ob("Z", "300.00", "point-in-time", "2027-06-30", ssp=1)},
                    {"id": "VC", "type": "price", "date": "2027-03-31", "amount": "40.00"}])),
     "2026-07", "2027-06",
     {("EX6", "X"): ("620.00", {"2026-07": 600, "2027-03": 20}), ("EX6", "Y"): ("460.00", {"2027-03": 460}),
      ("EX6", "Z"): ("460.00", {"2027-06": 460})})

# Variable consideration (ASC 606-10-32-5 to 32-14). Example 21 of the standard (55-197 to 55-200): a customized
# asset for 2,500,000 with an incentive bonus of 150,000 if the asset gets a specified rating; two outcomes, so
# the most likely amount. The probabilities and progress are ours: 70% that the bonus is earned at inception, so
# the estimate is 150,000 and the transaction price 2,650,000, all on the one obligation. Progress 25% at March,
# 60% at June: cumulative 662,500.00 and 1,590,000.00 (June 927,500.00). On 2026-07-15 the bonus is re-estimated
# at 40% (60% that it is not earned): the most likely amount is now 0, the price 2,500,000, caught up in July:
# 60% x 2,500,000 = 1,500,000, July -90,000.00. Complete at September: 2,500,000 - 1,500,000 = 1,000,000.00.
PROG21 = [{"date": "2026-03-31", "percent": 25}, {"date": "2026-06-30", "percent": 60}, {"date": "2026-09-30", "percent": 100}]
def outcomes(*pairs): return [{"amount": a, "probability": p} for a, p in pairs]
EX21 = contract("EX21", [ob("ASSET", "2500000.00", "progress", "2026-01-01", progress=PROG21)],
                [inv("I1", "2026-09-30", "2500000.00")],
                [{"id": "RE", "type": "estimate", "date": "2026-07-15", "variable": "BONUS",
                  "outcomes": outcomes(("150000", "0.4"), ("0", "0.6"))}])
EX21["variableConsideration"] = [{"id": "BONUS", "method": "most-likely", "obligation": "ASSET",
                                  "outcomes": outcomes(("150000", "0.7"), ("0", "0.3"))}]
case("variable-most-likely-example-21",
     book(EX21), "2026-01", "2026-10",
     {("EX21", "ASSET"): ("2500000.00", {"2026-03": "662500", "2026-06": "927500", "2026-07": "-90000", "2026-09": "1000000"})},
     {"EX21": {"2026-09": "2500000"}})

# Example 21's entries (invoices to deferred revenue, ACC). July 2026, the re-estimate: revenue -90,000.00 (the bonus
# no longer most likely: 60% x 2,500,000 - 1,590,000), a debit to Revenue. Nothing is billed before September, so
# the contract asset holds what was recognized: 1,590,000.00 at June, 1,500,000.00 at July, and falls by 90,000.00:
# a credit. Debits 90,000.00 = credits 90,000.00.
case("journal-variable-example-21-july", book(EX21), None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-07", "detail": "summary"},
    "expected": {"period": "2026-07", "date": "2026-07-31", "lines": [
        L("Revenue", "Debit", "90000.00"), L("Contract Asset", "Credit", "90000.00")]}})
# September 2026, completion: revenue 2,500,000 - 1,500,000 = 1,000,000.00 (credit). The invoice of 2,500,000.00 went
# to deferred revenue in QuickBooks (B_d); the engine's deferred revenue stays 0 (billed 2,500,000 = recognized), so
# the entry debits Deferred Revenue 0 - 2,500,000 -> 2,500,000.00; the contract asset 1,500,000 -> 0 is a credit of
# 1,500,000.00. Debits 2,500,000.00 = credits 1,000,000.00 + 1,500,000.00.
case("journal-variable-example-21-september", book(EX21), None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-09", "detail": "summary"},
    "expected": {"period": "2026-09", "date": "2026-09-30", "lines": [
        L("Revenue", "Credit", "1000000.00"), L("Deferred Revenue", "Debit", "2500000.00"),
        L("Contract Asset", "Credit", "1500000.00")]}})

# Expected value with the TRG's figures (TRG Q40 / 606-10-32-8(a)): bonuses 0, 50,000 and 100,000 with
# probabilities 15%, 40% and 45%: 0 + 20,000 + 45,000 = 65,000. A site delivered 2026-03-31 (SSP 80,000) and a
# year of hosting from April (SSP 40,000) for 90,000 fixed: 60,000.00 and 30,000.00. The bonus is not tied to
# one obligation, so it goes on that inception basis, 2 : 1: 65,000 x 2/3 = 43,333.333 and 21,666.667; floors
# 43,333.33 + 21,666.66 leave a cent, to the larger remainder (hosting): 43,333.33 and 21,666.67. W1 includes
# the whole estimate (the TRG's view B); W2 has a constraint of 50,000 (the amount highly probable not to reverse,
# view A): min(65,000, 50,000) = 50,000, split 33,333.33 and 16,666.67 the same way.
# On 2026-07-01 W1 re-estimates: 0, 50,000, 100,000 at 5%, 25%, 70%: 12,500 + 70,000 = 82,500, up 17,500, split
# 2 : 1: 11,666.667 and 5,833.333 -> the cent to the site: 11,666.67 and 5,833.33. The site (satisfied) takes its
# share in July. Hosting 51,666.67 -> 57,500.00 over 12 months: cumulative to June 3/12 x 51,666.67 = 12,916.67;
# at July 4/12 x 57,500 = 19,166.67, so July 6,250.00; then 57,500 x k/12 rounded, differenced.
def cumulative(total, k, n): return (D(total) * k / n).quantize(D("0.01"), rounding=ROUND_HALF_UP)
def caught_up(old, new, n, at):
    """months 1..n of a straight schedule of `old` caught up to `new` in month `at` (1-based)."""
    out = []; prev = D(0)
    for k in range(1, n + 1):
        cum = cumulative(old if k < at else new, k, n); out.append(cum - prev); prev = cum
    return out
EV = months("2026-01", "2027-03")
def site_and_hosting(cid, **vc):
    c = contract(cid, [ob(f"{cid}-SITE", "90000.00", "point-in-time", "2026-03-31", ssp=80000),
                       ob(f"{cid}-HOST", "0", "monthly", "2026-04-01", "2027-03-31", ssp=40000)])
    c["variableConsideration"] = [dict({"id": "BONUS", "method": "expected-value",
                                        "outcomes": outcomes(("0", "0.15"), ("50000", "0.40"), ("100000", "0.45"))}, **vc)]
    return c
W1 = site_and_hosting("W1")
W1["changes"] = [{"id": "RE", "type": "estimate", "date": "2026-07-01", "variable": "BONUS",
                  "outcomes": outcomes(("0", "0.05"), ("50000", "0.25"), ("100000", "0.70"))}]
case("variable-expected-value-constraint",
     book(W1, site_and_hosting("W2", constraint="50000")), "2026-01", "2027-03",
     {("W1", "W1-SITE"): ("115000.00", {"2026-03": "103333.33", "2026-07": "11666.67"}),
      ("W1", "W1-HOST"): ("57500.00", seq(EV, [0] * 3 + caught_up("51666.67", "57500.00", 12, 4))),
      ("W2", "W2-SITE"): ("93333.33", {"2026-03": "93333.33"}),
      ("W2", "W2-HOST"): ("46666.67", seq(EV, [0] * 3 + straight("46666.67", 12)))})

# Example 8 of the standard (55-143 to 55-146, a modification accounted for as part of the existing contract):
# a building for 1,000,000 plus a bonus of 200,000 if it is finished within 24 months, measured by costs (ours:
# 30% at June 2026, 60% at December 2026, the standard's 60% at the end of year one). At inception the bonus is
# excluded: the constraint is 0 (it is not highly probable), so the price is 1,000,000 and year one recognizes
# 600,000. On 2027-01-15 the floor plan changes: the price rises by 150,000 (a catch-up modify to 1,150,000),
# the bonus becomes highly probable (a re-estimate without a constraint: 200,000 in), and progress falls to 51.2%
# (420,000 of 820,000 of costs). Price 1,350,000; January 2027: 51.2% x 1,350,000 - 600,000 = 91,200.00, the
# standard's catch-up. Complete at December 2027: 1,350,000 - 691,200 = 658,800.00.
EX8 = contract("EX8", [ob("BLDG", "1000000.00", "progress", "2026-01-01",
                          progress=[{"date": "2026-06-30", "percent": 30}, {"date": "2026-12-31", "percent": 60},
                                    {"date": "2027-01-31", "percent": "51.2"}, {"date": "2027-12-31", "percent": 100}])],
               [],
               [{"id": "MOD", "type": "modify", "date": "2027-01-15", "obligation": "BLDG", "price": "1150000.00", "treatment": "catch-up"},
                {"id": "BONUS-IN", "type": "estimate", "date": "2027-01-15", "variable": "BONUS", "outcomes": outcomes(("200000", "1"))}])
EX8["variableConsideration"] = [{"id": "BONUS", "method": "most-likely", "obligation": "BLDG", "constraint": "0",
                                 "outcomes": outcomes(("200000", "0.6"), ("0", "0.4"))}]
case("variable-constraint-lifted-example-8",
     book(EX8), "2026-01", "2027-12",
     {("EX8", "BLDG"): ("1350000.00", {"2026-06": "300000", "2026-12": "300000", "2027-01": "91200", "2027-12": "658800"})})

# --- go-live (docs/book.md, "Go-live") ---
# GL: Acme's subscription 1200.00 monthly over 2026 (100.00 a month), invoiced 1200.00 on 2026-01-01; Beta's service
# 600.00 monthly Feb..Jul 2026 (100.00 a month), invoiced 600.00 only on 2026-05-01. Go-live 2026-04: the company
# deferred by hand before April.
GL = dict(book(
    contract("G1", [ob("SUB", "1200.00", "monthly", "2026-01-01", "2026-12-31")], [inv("I1", "2026-01-01", "1200.00", "SUB")]),
    contract("G2", [ob("SVC", "600.00", "monthly", "2026-02-01", "2026-07-31")], [inv("I2", "2026-05-01", "600.00", "SVC")],
             customer="Beta")), goLive="2026-04")
GL_ACC = {"revenue": "Revenue", "revenueByItem": {}, "deferredRevenue": "Deferred Revenue",
          "contractAsset": "Contract Asset", "billingsPostTo": "deferred"}

# The cut-over, at the end of March 2026 (the month before go-live):
# engine deferred revenue = G1: billed 1200 - recognized 300 (Jan..Mar) = 900.00; G2 has billed nothing.
# engine contract asset = G2: recognized 200 (Feb, Mar) - billed 0 = 200.00.
# QuickBooks, after the hand deferrals: deferred revenue 1000.00, contract asset 0.00.
# differences (engine - QuickBooks): deferred -100.00, contract asset +200.00.
# true-up on 2026-04-01: debit Deferred Revenue 100.00 (less liability), debit Contract Asset 200.00,
# credit the offset (Retained Earnings) 300.00. DocNumber RR-OPEN-2026-04.
case("go-live-cutover", GL, None, None, None, accounts=GL_ACC, journal={
    "args": {"command": "cutover", "qbo": {"deferredRevenue": "1000.00", "contractAsset": "0.00"}, "offset": "Retained Earnings"},
    "expected": {"asOf": "2026-03", "rows": [
        {"role": "deferredRevenue", "account": "Deferred Revenue", "engine": "900.00", "qbo": "1000.00", "difference": "-100.00"},
        {"role": "contractAsset", "account": "Contract Asset", "engine": "200.00", "qbo": "0.00", "difference": "200.00"}],
        "entry": {"docNumber": "RR-OPEN-2026-04", "date": "2026-04-01", "lines": [
            L("Deferred Revenue", "Debit", "100.00"), L("Contract Asset", "Debit", "200.00"),
            L("Retained Earnings", "Credit", "300.00")]}}})

# The first entry after go-live, asked for Jan..Apr as a first close would: it covers April only (no catch-up).
# April: revenue 100 + 100 = 200.00; G1 deferred 900 -> 800 with nothing billed: debit Deferred Revenue 100.00;
# G2 asset 200 -> 300: debit Contract Asset 100.00. Dated 2026-04-30.
# After the true-up and this entry QuickBooks holds deferred 1000 - 100 - 100 = 800.00 = engine's April
# (1200 - 400) and contract asset 0 + 200 + 100 = 300.00 = engine's April (G2 recognized 300, billed 0): it ties.
case("go-live-first-entry", GL, None, None, None, accounts=GL_ACC, journal={
    "args": {"command": "journal", "period": "2026-01..2026-04", "detail": "summary"},
    "expected": {"period": "2026-04", "date": "2026-04-30", "lines": [
        L("Revenue", "Credit", "200.00"), L("Deferred Revenue", "Debit", "100.00"), L("Contract Asset", "Debit", "100.00")]}})

# A month before go-live has no entry: the message says so.
case("go-live-month-before", GL, None, None, None, accounts=GL_ACC, journal={
    "args": {"command": "journal", "period": "2026-03", "detail": "summary"},
    "expected": {"issues": [{"code": "before_go_live", "path": "period",
                             "message": "2026-03 is before go-live (2026-04): its revenue was booked outside RevRec, so RevRec has no entry for it."}]}})

# --- a correction to a closed period, posted in the first open one ---
# February was posted as Revenue Cr 100.00 / Deferred Revenue Dr 100.00 (J1's month; J2 was not in the book yet).
# The book now has J2 too, so February's entry is the four lines of journal-deferred-month; the correction is the
# difference: Consulting Revenue Cr 100.00 and Contract Asset Dr 100.00 (all "East"). QuickBooks' books are closed
# through 2026-03-31, so it cannot be dated 2026-02-28: it is dated 2026-04-01, the first open month's first day,
# keeps February's number RR-2026-02-A1, and its memo names February.
case("correction-closed-period", JBOOK, None, None, None, accounts=ACC, journal={
    "args": {"command": "correction", "period": "2026-02", "adjustment": 1, "closeDate": "2026-03-31",
             "posted": [L("Revenue", "Credit", "100.00", "East"), L("Deferred Revenue", "Debit", "100.00", "East")]},
    "expected": {"docNumber": "RR-2026-02-A1", "date": "2026-04-01",
                 "memo": "Correction to 2026-02 (adjustment 1), posted in 2026-04: QuickBooks' books are closed through 2026-03-31",
                 "lines": [L("Consulting Revenue", "Credit", "100.00", "East"), L("Contract Asset", "Debit", "100.00", "East")]}})

# The same correction while February is open: dated February's last day, in February.
case("correction-open-period", JBOOK, None, None, None, accounts=ACC, journal={
    "args": {"command": "correction", "period": "2026-02", "adjustment": 1, "closeDate": "2026-01-31",
             "posted": [L("Revenue", "Credit", "100.00", "East"), L("Deferred Revenue", "Debit", "100.00", "East")]},
    "expected": {"docNumber": "RR-2026-02-A1", "date": "2026-02-28", "memo": "Correction to 2026-02 (adjustment 1)",
                 "lines": [L("Consulting Revenue", "Credit", "100.00", "East"), L("Contract Asset", "Debit", "100.00", "East")]}})
# A contract over three yearly invoices (issue #9: grouped by PO number, the second and third years' lines continue
# the subscription): SUB 3 x 1,200.00 = 3,600.00 monthly 2026-04-01..2029-03-31 (36 months), SSP 3,600; SETUP
# 300.00 point-in-time 2026-03-25, SSP 900. Allocation over the whole contract: 3,900 x 3,600/4,500 = 3,120.00 and
# 3,900 x 900/4,500 = 780.00. SUB: 3,120/36 = 260/3 a month; cumulative k x 260/3 rounds to .67 (k = 1 mod 3), .33
# (k = 2 mod 3), .00 (k = 0 mod 3), so the months are 86.67, 86.66, 86.67 in turn (260.00 a quarter). SETUP: 780.00
# in March 2026. Billed: 1,500.00 (2026-03-25), 1,200.00 (2027-03-25), 1,200.00 (2028-03-25), each tied to its
# obligation: the second and third bill SUB again.
SUB36 = seq(months("2026-04", "2029-03"), ["86.67", "86.66", "86.67"] * 12)
case("contract-three-yearly-invoices",
     book(contract("PO-4500", [ob("SUB", "3600.00", "monthly", "2026-04-01", "2029-03-31", ssp="3600"),
                               ob("SETUP", "300.00", "point-in-time", "2026-03-25", ssp="900")],
                   [inv("Y2026-1", "2026-03-25", "1200.00", "SUB"), inv("Y2026-2", "2026-03-25", "300.00", "SETUP"),
                    inv("Y2027-1", "2027-03-25", "1200.00", "SUB"), inv("Y2028-1", "2028-03-25", "1200.00", "SUB")])),
     "2026-03", "2029-04",
     {("PO-4500", "SUB"): ("3120.00", SUB36), ("PO-4500", "SETUP"): ("780.00", {"2026-03": "780.00"})},
     {"PO-4500": {"2026-03": "1500.00", "2027-03": "1200.00", "2028-03": "1200.00"}})

# --- the refund liability (customer credit, 32-10): a credit before anything was billed ---
# SUB 1,200.00 monthly over 2026, invoiced quarterly in arrears. On 2026-01-10, before any invoice, a prospective
# credit memo of 120.00: the price falls to 1,080.00 from January, which had recognized nothing before the credit,
# so 1,080 / 12 = 90.00 a month. Invoices of 270.00 (a quarter of 1,080.00) on 03-31, 06-30, 09-30 and 12-31.
# Billed to date: Jan and Feb -120.00 (the credit is ahead of every invoice), Mar 150.00, Jun 420.00, Sep 690.00,
# Dec 1,080.00. The credit beyond the invoices is the customer's: refund 120.00 at the end of January and
# February, 0 from March, when the first invoice takes it up (270.00 - 120.00 = 150.00 stays invoiced). Revenue is
# set against what stays invoiced: January 90 - 0 = 90.00 unbilled (not 210.00: the 120.00 is the customer's, not
# revenue earned and unbilled), February 180.00, March 270 - 150 = 120.00, April 210.00, May 300.00, June
# 540 - 420 = 120.00, and so on to December 1,080 - 1,080 = 0.
REFUND_BOOK = book(contract("R1", [ob("SUB", "1200.00", "monthly", "2026-01-01", "2026-12-31", item="Subscription")],
                            [inv("Q1", "2026-03-31", "270.00", "SUB"), inv("Q2", "2026-06-30", "270.00", "SUB"),
                             inv("Q3", "2026-09-30", "270.00", "SUB"), inv("Q4", "2026-12-31", "270.00", "SUB")],
                            [{"id": "CM-1", "type": "credit", "date": "2026-01-10", "amount": "120.00",
                              "obligation": "SUB", "treatment": "prospective"}]))
case("balance-refund-credit-before-billing", REFUND_BOOK, "2026-01", "2026-12",
     {("R1", "SUB"): ("1080.00", seq(Y26, [90] * 12))},
     {"R1": {"2026-01": "-120.00", "2026-03": "270.00", "2026-06": "270.00", "2026-09": "270.00", "2026-12": "270.00"}})

# Its entries, the credit memo posted by QuickBooks to deferred revenue (Dr Deferred Revenue 120.00, Cr A/R 120.00).
# January: Cr Revenue 90.00. Deferred revenue stays 0 (billed below zero), and QuickBooks put -120.00 on it, so the
# entry credits Deferred Revenue 0 - (-120.00) = 120.00 back to zero. The contract asset grows 0 -> 90.00 (Dr 90.00)
# and the refund balance 0 -> 120.00 (Dr Refund Liability 120.00: the debit QuickBooks left beyond the invoices sits
# against the customer's credit, never in the contract asset). Dr 90 + 120 = Cr 90 + 120 = 210.00.
REFUND_ACC = dict(ACC, refundLiability="Refund Liability")
case("journal-refund-credit-before-billing-january", REFUND_BOOK, None, None, None, accounts=REFUND_ACC, journal={
    "args": {"command": "journal", "period": "2026-01", "detail": "summary"},
    "expected": {"period": "2026-01", "date": "2026-01-31", "lines": [
        L("Revenue", "Credit", "90.00"), L("Deferred Revenue", "Credit", "120.00"),
        L("Contract Asset", "Debit", "90.00"), L("Refund Liability", "Debit", "120.00")]}})
# March: Cr Revenue 90.00. The invoice Q1 (270.00) credited Deferred Revenue; deferred stays 0, so the entry debits
# it 270.00 back. The refund balance falls 120.00 -> 0 (Cr Refund Liability 120.00) and the contract asset 180.00 ->
# 120.00 (Cr Contract Asset 60.00). Dr 270 = Cr 90 + 120 + 60 = 270.00.
case("journal-refund-credit-before-billing-march", REFUND_BOOK, None, None, None, accounts=REFUND_ACC, journal={
    "args": {"command": "journal", "period": "2026-03", "detail": "summary"},
    "expected": {"period": "2026-03", "date": "2026-03-31", "lines": [
        L("Revenue", "Credit", "90.00"), L("Deferred Revenue", "Debit", "270.00"),
        L("Contract Asset", "Credit", "60.00"), L("Refund Liability", "Credit", "120.00")]}})
# Without a refund liability account (an accounts file from before it existed) January's entry is what it always
# was: the 120.00 stays on the contract asset account, Dr 90 + 120 = 210.00.
case("journal-refund-without-its-account", REFUND_BOOK, None, None, None, accounts=ACC, journal={
    "args": {"command": "journal", "period": "2026-01", "detail": "summary"},
    "expected": {"period": "2026-01", "date": "2026-01-31", "lines": [
        L("Revenue", "Credit", "90.00"), L("Deferred Revenue", "Credit", "120.00"),
        L("Contract Asset", "Debit", "210.00")]}})
