#!/usr/bin/env python3
"""
Writes the format 1.0 golden packages as *another tool* would: Python's zipfile and json,
following import-export-design.md to the letter (package layout, manifest fields, entity formats).
Nothing here comes from the TypeScript implementation: the transactionHash values are computed
with Python's Decimal.normalize(), the reference of the algorithm.

    python3 libs/package-format/test/golden/make_v1_0_goldens.py

The outputs are committed and read by golden.spec.ts forever; never regenerate an existing
golden (add a new one instead). Output is deterministic (fixed timestamps, fixed order).
"""
import hashlib
import json
import os
import zipfile
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
USER = "user_12345"
T0 = 1704067200000  # 2024-01-01T00:00:00Z
ACC_1 = "4fdbd757-53b4-4a58-a2d4-551c2419149a"
ACC_2 = "11111111-1111-4111-8111-111111111111"
FILE_1 = "0f0f0f0f-0000-4000-8000-000000000001"
FILE_2 = "0f0f0f0f-0000-4000-8000-000000000002"
MAP_1 = "0a0a0a0a-0000-4000-8000-000000000001"
CAT_FOOD = "0c0c0c0c-0000-4000-8000-000000000001"
CAT_GROCERIES = "0c0c0c0c-0000-4000-8000-000000000002"
CAT_SALARY = "0c0c0c0c-0000-4000-8000-000000000003"


def transaction_hash(account_id, date, amount, description):
    normalized = str(Decimal(amount).normalize())
    digest = hashlib.sha256(f"{account_id}|{date}|{normalized}|{description}".encode("utf-8")).hexdigest()
    return int(digest[:16], 16)


def transaction(tid, account_id, file_id, date, amount, description, order, **extra):
    record = {
        "transactionId": tid,
        "accountId": account_id,
        "fileId": file_id,
        "date": date,
        "description": description,
        "amount": amount,
        "currency": "GBP",
        "importOrder": order,
        "status": extra.pop("status", "new"),
        "transactionHash": transaction_hash(account_id, date, amount, description),
        "categories": extra.pop("categories", []),
        "createdAt": T0,
        "updatedAt": T0,
    }
    record["statusDate"] = f"{record['status']}#{date}"
    record.update(extra)
    return record


ACCOUNTS = [
    {
        "accountId": ACC_1, "accountName": "Current Account", "accountType": "checking",
        "institution": "Example Bank", "balance": "1234.56", "currency": "GBP", "notes": "joint account",
        "isActive": True, "defaultFileMapId": MAP_1, "lastTransactionDate": 1717632000000,
        "createdAt": T0, "updatedAt": T0,
    },
    {
        "accountId": ACC_2, "accountName": "Cr\u00e9dit \u2603", "accountType": "credit_card",
        "balance": "-0.00", "currency": "EUR", "isActive": False, "createdAt": T0, "updatedAt": T0 + 1,
    },
]

TRANSACTIONS = [
    # The real-world vector of housef3-data-model.md: a TAB in the description.
    transaction("0d0d0d0d-0000-4000-8000-000000000001", ACC_1, FILE_1, 1717632000000, "-87.28",
                "SAINSBURYS.CO.UK \tON 05 JUN BCC", 1,
                categories=[{"categoryId": CAT_GROCERIES, "confidence": 80, "status": "suggested",
                             "isManual": False, "assignedAt": T0, "ruleId": "rule_0a1b2c3d"}],
                primaryCategoryId=CAT_GROCERIES),
    transaction("0d0d0d0d-0000-4000-8000-000000000002", ACC_1, FILE_1, 1717632000000, "1234567890.12",
                "SALARY ACME", 2, balance="1234567890.12", memo="monthly", checkNumber="000123",
                fitId="FIT-2", transactionType="CREDIT",
                categories=[{"categoryId": CAT_SALARY, "confidence": 100, "status": "confirmed",
                             "isManual": True, "assignedAt": T0, "confirmedAt": T0 + 5}],
                primaryCategoryId=CAT_SALARY),
    transaction("0d0d0d0d-0000-4000-8000-000000000003", ACC_1, FILE_1, 1704067200000, "0", "ZERO", 3),
    transaction("0d0d0d0d-0000-4000-8000-000000000004", ACC_2, FILE_2, 1704067200000, "-0.00",
                "\u6771\u4eac\u30e9\u30fc\u30e1\u30f3 \U0001F35C", 1, status="duplicate"),
    transaction("0d0d0d0d-0000-4000-8000-000000000005", ACC_2, FILE_2, 1704153600000, "1E+3",
                "Caf\u00e9 \"quoted\" \\ back/slash", 2),
]

CATEGORIES = [
    {
        "categoryId": CAT_FOOD, "name": "Food", "type": "EXPENSE", "icon": "utensils", "color": "#ff8800",
        "inheritParentRules": True, "ruleInheritanceMode": "additive", "rules": [],
        "createdAt": T0, "updatedAt": T0,
    },
    {
        "categoryId": CAT_GROCERIES, "name": "Groceries", "type": "EXPENSE", "parentCategoryId": CAT_FOOD,
        "inheritParentRules": False, "ruleInheritanceMode": "override",
        "rules": [
            {"ruleId": "rule_0a1b2c3d", "fieldToMatch": "description", "condition": "contains", "value": "SAINSBURYS",
             "caseSensitive": False, "priority": 10, "enabled": True, "confidence": 80,
             "allowMultipleMatches": False, "autoSuggest": True},
            {"ruleId": "rule_0e0f1011", "fieldToMatch": "amount", "condition": "amount_between", "value": "",
             "caseSensitive": False, "priority": 5, "enabled": True, "confidence": 50,
             "amountMin": "10.00", "amountMax": "250", "allowMultipleMatches": True, "autoSuggest": False},
        ],
        "createdAt": T0, "updatedAt": T0,
    },
    {
        "categoryId": CAT_SALARY, "name": "Salary", "type": "INCOME", "inheritParentRules": True,
        "ruleInheritanceMode": "disabled", "rules": [], "createdAt": T0, "updatedAt": T0,
    },
]

FILE_MAPS = [
    {
        "fileMapId": MAP_1, "name": "Example Bank CSV", "accountId": ACC_1, "description": "export from online banking",
        "mappings": [
            {"sourceField": "Date", "targetField": "date", "transformation": "DD/MM/YYYY"},
            {"sourceField": "Description", "targetField": "description"},
            {"sourceField": "Amount", "targetField": "amount"},
        ],
        "reverseAmounts": False, "createdAt": T0, "updatedAt": T0,
    },
]

CSV = "Date,Description,Amount\n05/06/2024,SAINSBURYS.CO.UK \tON 05 JUN BCC,-87.28\n05/06/2024,SALARY ACME,1234567890.12\n".encode("utf-8")
QIF = b""  # an empty original file

TRANSACTION_FILES = [
    {
        "fileId": FILE_1, "fileName": "statement june.csv", "uploadDate": T0, "fileSize": len(CSV),
        "s3Key": f"{USER}/{FILE_1}/statement june.csv", "processingStatus": "processed", "processedDate": T0 + 1000,
        "fileFormat": "csv", "accountId": ACC_1, "fileMapId": MAP_1, "recordCount": 3,
        "dateRange": {"startDate": 1704067200000, "endDate": 1717632000000},
        "openingBalance": "100.00", "closingBalance": "1234.56", "currency": "GBP",
        "duplicateCount": 0, "transactionCount": 3, "createdAt": T0, "updatedAt": T0,
    },
    {
        "fileId": FILE_2, "fileName": "\u00e9t\u00e9 \u2603.qif", "uploadDate": T0, "fileSize": 0,
        "s3Key": f"{USER}/{FILE_2}/\u00e9t\u00e9 \u2603.qif", "processingStatus": "needs_mapping",
        "fileFormat": "qif", "accountId": ACC_2, "createdAt": T0, "updatedAt": T0,
    },
]

ANALYTICS = [
    {
        "analyticType": "cash_flow", "timePeriod": "2024-06", "accountId": ACC_1,
        "data": {"income": 1234567890.12, "expenses": -87.28, "byWeek": [1, 2.5, 0], "note": "ok"},
        "computedDate": "2024-07-01T00:00:00Z", "dataThroughDate": "2024-06-30",
    },
]


def entity_json(name, records):
    return json.dumps({name: records}, ensure_ascii=False, indent=2).encode("utf-8")


def sha(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write_golden(path, data, files, analytics, bare_keys, compression):
    checksums = {}
    for name, content in data.items():
        checksums[name if bare_keys else f"data/{name}"] = sha(content)
    for name, content in files.items():
        checksums[name] = sha(content)
    manifest = {
        "export_format_version": "1.0",
        "export_timestamp": "2024-01-15T10:30:00Z",
        "user_id": USER,
        "housef3_version": "2.5.0",
        "data_summary": {
            "accounts_count": len(ACCOUNTS),
            "transactions_count": len(TRANSACTIONS),
            "categories_count": len(CATEGORIES),
            "file_maps_count": len(FILE_MAPS),
            "transaction_files_count": len(TRANSACTION_FILES),
            "analytics_included": analytics,
        },
        "checksums": checksums,
        "compatibility": {"minimum_version": "2.0.0", "supported_versions": ["2.0.0", "2.5.0"]},
    }
    with zipfile.ZipFile(path, "w", compression=compression) as z:
        def add(name, content):
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 15, 10, 30, 0))
            info.compress_type = compression
            info.external_attr = 0o100644 << 16
            z.writestr(info, content)
        add("manifest.json", json.dumps(manifest, indent=2).encode("utf-8"))
        for name, content in data.items():
            add(f"data/{name}", content)
        for name, content in files.items():
            add(name, content)


def main():
    data = {
        "accounts.json": entity_json("accounts", ACCOUNTS),
        "transactions.json": entity_json("transactions", TRANSACTIONS),
        "categories.json": entity_json("categories", CATEGORIES),
        "file_maps.json": entity_json("file_maps", FILE_MAPS),
        "transaction_files.json": entity_json("transaction_files", TRANSACTION_FILES),
    }
    files = {
        f"files/{FILE_1}/statement june.csv": CSV,
        f"files/{FILE_2}/\u00e9t\u00e9 \u2603.qif": QIF,
    }
    # Exactly the design document's example: bare data file names as checksum keys, deflate.
    write_golden(os.path.join(HERE, "v1.0-design-example.zip"), data, files, False, True, zipfile.ZIP_DEFLATED)
    # With analytics, full-path checksum keys, entries stored uncompressed.
    with_analytics = dict(data)
    with_analytics["analytics.json"] = entity_json("analytics", ANALYTICS)
    write_golden(os.path.join(HERE, "v1.0-stored-with-analytics.zip"), with_analytics, files, True, False, zipfile.ZIP_STORED)


if __name__ == "__main__":
    main()
