"""Record checks of the hand-written explanation (``handwritten_explain.py``): the fields rules/startup-us-ca.yaml reads.

As the engine does, a record is checked on the fields the policy reads: each
must hold a value of its declared type in ``schemas/customer.schema.json`` (a
string, one of the listed values for an enumeration, a finite number, a whole
number for an integer (``2.0`` counts as 2), true or false, an ISO
``YYYY-MM-DD`` string or a date for a date, a list of strings), and may be null
only when the schema allows it.  Fields the policy does not read are not looked
at.  Each group of fields is tested with one fast condition; only a record
that fails it takes the slow path, which raises :class:`InvalidRecord` naming
the first field at fault.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

__all__ = ["checked_fields", "InvalidRecord", "READ_FIELDS"]

_SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "schemas" / "customer.schema.json").read_text(encoding="utf-8"))
_PROPERTIES = _SCHEMA["properties"]


def _enum(field: str) -> frozenset[str]:
    return frozenset(v for v in _PROPERTIES[field]["enum"] if v is not None)


_INDUSTRY = _enum("industry")
_COMPANY_SIZE = _enum("company_size")
_DEPARTMENT = _enum("buyer_department")
_BILLING_CYCLE = _enum("billing_cycle")
_STATUS = _enum("status")

_TEXT_FIELDS = (
    "country", "status", "industry", "company_size", "billing_cycle", "buyer_department", "region", "preferred_language", "buyer_title",
)  # fmt: skip
_NUMBER_FIELDS = ("first_purchase_amount", "annual_contract_value", "renewal_likelihood")
_INTEGER_FIELDS = ("renewals_count", "addon_purchases", "seats_purchased", "nps_score", "seats_used")
_BOOLEAN_FIELDS = ("is_reference", "gave_testimonial", "consulting_purchased", "training_purchased")

#: The fields the policy reads (and checks).
READ_FIELDS = (
    *_TEXT_FIELDS, "signup_date", "last_login_date", *_NUMBER_FIELDS, *_INTEGER_FIELDS, *_BOOLEAN_FIELDS, "products",
)  # fmt: skip


class InvalidRecord(ValueError):
    """A field the policy reads does not hold a value of its declared type."""

    def __init__(self, field: str, value: Any, expected: str):
        super().__init__(f"field '{field}' must be {expected}, got {value!r}")
        self.field = field


# ---------------------------------------------------------------- record checks (slow paths)


def _check_texts(r: dict[str, Any]) -> None:
    """Raise for the first text field that is not a string (or null where allowed) or not a listed value."""
    allowed_values = (None, _STATUS, _INDUSTRY, _COMPANY_SIZE, _BILLING_CYCLE, _DEPARTMENT, None, None, None)
    for field, nullable, allowed in zip(_TEXT_FIELDS, (False,) * 5 + (True,) * 4, allowed_values):
        value = r.get(field)
        if value is None and nullable:
            continue
        if value.__class__ is not str:
            raise InvalidRecord(field, value, "a string")
        if allowed is not None and value not in allowed:
            raise InvalidRecord(field, value, f"one of {', '.join(sorted(allowed))}")


def _check_numbers(r: dict[str, Any]) -> None:
    """Raise for the first number field that is not a finite number (or null where allowed)."""
    for field, nullable in zip(_NUMBER_FIELDS, (False, True, True)):
        value = r.get(field)
        if value is None and nullable:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value - value != 0:
            raise InvalidRecord(field, value, "a finite number")


def _integers(r: dict[str, Any]) -> tuple[Any, ...]:
    """The integer fields, a whole float such as 2.0 read as 2; raise for the first that is not a whole number."""
    out = []
    for field, nullable in zip(_INTEGER_FIELDS, (False, False, False, True, True)):
        value = r.get(field)
        if value.__class__ is float and value.is_integer():
            value = int(value)
        elif value.__class__ is not int and not (value is None and nullable):
            raise InvalidRecord(field, value, "a whole number")
        out.append(value)
    return tuple(out)


def _check_booleans(r: dict[str, Any]) -> None:
    for field in _BOOLEAN_FIELDS:
        value = r.get(field)
        if value is not True and value is not False:
            raise InvalidRecord(field, value, "true or false")


_DATES: dict[str, date] = {}


def _date(field: str, value: Any) -> date:
    """An ISO ``YYYY-MM-DD`` string (parsed once per distinct text) or a date."""
    if value.__class__ is str:
        d = _DATES.get(value)
        if d is not None:
            return d
        if len(value) == 10 and value[4] == "-" and value[7] == "-":
            try:
                d = date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if len(_DATES) < 100_000:
                    _DATES[value] = d
                return d
    elif isinstance(value, datetime):
        return value.date()
    elif isinstance(value, date):
        return value
    raise InvalidRecord(field, value, "a date (YYYY-MM-DD)")


def _strings(field: str, value: Any) -> list[str]:
    """A list of strings (a tuple is read as a list)."""
    if not isinstance(value, (list, tuple)) or not all(v.__class__ is str for v in value):
        raise InvalidRecord(field, value, "a list of strings")
    return list(value)


def checked_fields(r: dict[str, Any]) -> tuple[Any, ...]:
    """The read fields of ``r``, checked and converted: (country, region, preferred_language, industry,
    company_size, buyer_title, buyer_department, billing_cycle, status, signup_date as given, signup_date,
    last_login_date as given, last_login_date, first_purchase_amount, annual_contract_value, renewals_count,
    renewal_likelihood, nps_score, is_reference, gave_testimonial, addon_purchases, seats_purchased, seats_used,
    consulting_purchased, training_purchased, products)."""
    country, status, industry, size, cycle, dept, region, lang, title = map(r.get, _TEXT_FIELDS)
    if (
        country.__class__ is not str
        or status.__class__ is not str
        or status not in _STATUS
        or industry.__class__ is not str
        or industry not in _INDUSTRY
        or size.__class__ is not str
        or size not in _COMPANY_SIZE
        or cycle.__class__ is not str
        or cycle not in _BILLING_CYCLE
        or (dept is not None and (dept.__class__ is not str or dept not in _DEPARTMENT))
        or (region is not None and region.__class__ is not str)
        or (lang is not None and lang.__class__ is not str)
        or (title is not None and title.__class__ is not str)
    ):
        _check_texts(r)
    signup_value = r.get("signup_date")
    signup = _DATES.get(signup_value) if signup_value.__class__ is str else None
    if signup is None:
        signup = _date("signup_date", signup_value)
    login_value = r.get("last_login_date")
    login = None if login_value is None else _DATES.get(login_value) if login_value.__class__ is str else None
    if login is None and login_value is not None:
        login = _date("last_login_date", login_value)
    first, acv, renewal = map(r.get, _NUMBER_FIELDS)
    if (
        (first.__class__ is not int and (first.__class__ is not float or first - first != 0))
        or (acv is not None and acv.__class__ is not int and (acv.__class__ is not float or acv - acv != 0))
        or (renewal is not None and renewal.__class__ is not int and (renewal.__class__ is not float or renewal - renewal != 0))
    ):
        _check_numbers(r)
    renewals, addons, seats, nps, seats_used = map(r.get, _INTEGER_FIELDS)
    if (
        renewals.__class__ is not int
        or addons.__class__ is not int
        or seats.__class__ is not int
        or (nps is not None and nps.__class__ is not int)
        or (seats_used is not None and seats_used.__class__ is not int)
    ):
        renewals, addons, seats, nps, seats_used = _integers(r)
    is_reference, testimonial, consulting, training = map(r.get, _BOOLEAN_FIELDS)
    if (
        is_reference.__class__ is not bool
        or testimonial.__class__ is not bool
        or consulting.__class__ is not bool
        or training.__class__ is not bool
    ):
        _check_booleans(r)
    products = r.get("products")
    if products.__class__ is not list or not all(p.__class__ is str for p in products):
        products = _strings("products", products)

    return (
        country, region, lang, industry, size, title, dept, cycle, status, signup_value, signup, login_value, login,
        first, acv, renewals, renewal, nps, is_reference, testimonial, addons, seats, seats_used, consulting, training, products,
    )  # fmt: skip
