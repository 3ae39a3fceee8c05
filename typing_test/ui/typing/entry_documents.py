"""A form task's record drawn as the paper it was keyed from.

The candidate reads an invoice, an order, a customer record or an expense
claim as a person would see one: a heading, a name, blocks of labelled
values in the places such a document puts them, a total at the bottom; not
the form's fields in the form's order. The words on the paper are the
paper's own ("Invoice no.", "Your order ref."), as in an office.

A document kind without a layout here, or a field a layout does not place
(a task HR wrote), is still shown: its fields are listed by label, in
alphabetical order, under the document's name.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from typing_test.core.typing.entry_tasks import EntryTask

Placement = tuple[str, str]  # (the label printed on the paper, the field's name)


@dataclass(frozen=True)
class Layout:
    """Where a kind of document prints each field: ``name`` big at the top,
    the ``left`` and ``right`` blocks under it, a line-item ``table`` and
    the ``total`` at the bottom, then a ``footer`` line."""

    title: str
    name: str = ""
    left: tuple[Placement, ...] = ()
    right: tuple[Placement, ...] = ()
    table: tuple[Placement, ...] = ()
    total: Placement | None = None
    footer: str = ""


LAYOUTS = {
    "invoice": Layout(
        "INVOICE", name="supplier",
        left=(("Bill to", ""), ("Supplier account no.", "account_number")),
        right=(("Invoice no.", "invoice_number"), ("Invoice date", "invoice_date"),
               ("Your order ref.", "reference")),
        total=("Amount due", "amount"),
        footer="Payment due within 30 days of the invoice date. Please quote the invoice "
               "number."),
    "order": Layout(
        "SALES ORDER", name="customer",
        right=(("Order #", "order_number"), ("Date", "order_date")),
        table=(("Item code", "item_code"), ("Qty", "quantity")),
        total=("Order total", "total"),
        footer="Goods remain our property until paid for in full."),
    "customer record": Layout(
        "CUSTOMER DETAILS", name="name",
        left=(("Address", "address"), ("Postcode", "postcode"), ("Tel.", "phone")),
        right=(("Account", "account_number"), ("Opened", "opened")),
        total=("Credit limit agreed", "credit_limit"),
        footer="Credit checked and approved by the accounts team."),
    "expense claim": Layout(
        "EXPENSE CLAIM", name="employee",
        right=(("Staff no.", "employee_id"), ("Cost centre", "cost_centre")),
        table=(("Date", "claim_date"), ("Expense", "category")),
        total=("Total claimed", "amount"),
        footer="Receipts attached. I confirm these costs were incurred on company business."),
}
# "Bill to" on an invoice is the company keying it: printed, never keyed.
_BILL_TO = "Accounts Payable, Linden Business Services"


def document_html(task: EntryTask, record: Mapping[str, str]) -> str:
    """The rich text of ``record`` of a form ``task``, laid out as its paper.

    >>> from typing_test.core.typing.data_entry import FormField
    >>> task = EntryTask("t", "form", "T", 60, "delivery note", "DD/MM/YYYY",
    ...                  (FormField("b", "Bay"), FormField("a", "Area")))
    >>> text = document_html(task, {"a": "North", "b": "7"})
    >>> text.index("Area") < text.index("Bay"), "DELIVERY NOTE" in text
    (True, True)
    """
    layout = LAYOUTS.get(task.document.lower(), Layout(task.document.upper()))
    labels = {form_field.name: form_field.label for form_field in task.fields}

    def value(name: str) -> str:
        return html.escape(record.get(name, ""))

    placed = {name for _, name in (*layout.left, *layout.right, *layout.table)} | {
        layout.name, layout.total[1] if layout.total else ""}
    unplaced = sorted((labels[name], name) for name in labels if name not in placed)
    left = [(label, _BILL_TO if label == "Bill to" and not name else value(name))
            for label, name in layout.left if not name or name in labels]
    left += [(html.escape(label), value(name)) for label, name in unplaced]
    right = [(label, value(name)) for label, name in layout.right if name in labels]

    parts = [f"<p><b>{html.escape(layout.title)}</b></p>"]
    if layout.name in labels:
        parts.append(f"<p><b>{value(layout.name)}</b></p>")
    parts.append('<table width="100%" cellspacing="0" cellpadding="2"><tr>'
                 f'<td valign="top">{_block(left)}</td>'
                 f'<td valign="top" align="right">{_block(right)}</td></tr></table>')
    table = [(label, name) for label, name in layout.table if name in labels]
    if table:
        heads = "".join(f"<th align='left'>{label}</th>" for label, _ in table)
        cells = "".join(f"<td>{value(name)}</td>" for _, name in table)
        parts.append('<table width="100%" border="1" cellspacing="0" cellpadding="4">'
                     f"<tr>{heads}</tr><tr>{cells}</tr></table>")
    if layout.total and layout.total[1] in labels:
        label, name = layout.total
        parts.append(f'<p align="right"><b>{label}: {value(name)}</b></p>')
    if layout.footer:
        parts.append(f"<p>{html.escape(layout.footer)}</p>")
    return "".join(parts)


def _block(lines: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td>{label}</td><td>&nbsp;&nbsp;{text}</td></tr>"
                   for label, text in lines)
    return f'<table cellspacing="0" cellpadding="2">{rows}</table>' if rows else ""
