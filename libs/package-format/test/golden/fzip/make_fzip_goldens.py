#!/usr/bin/env python3
"""
Writes the legacy .fzip goldens with HouseF3's own backup code (FZIPService), AWS in-process (moto).

The goldens are committed once and never regenerated: they stand for backups HouseF3 users
already hold. This script records how they were made. To run it again (only to study HouseF3's
writer, never to replace a committed golden):

    # a snapshot of the public HouseF3 repository: a git directory or a checkout
    python3 make_fzip_goldens.py <housef3-repository> <output-directory>

It needs Python 3.10+, boto3, moto (5.x) and pydantic (2.x). HouseF3's code is read from the
given repository (its backend/src) and never copied here. The script seeds one user through
HouseF3's own models and DynamoDB functions, runs HouseF3's backup (collect_backup_data then
build_backup_package) exactly as its backup handler does, and copies the packages it uploads:

  fzip-1.0-complete.fzip    Unicode names, duplicate-status transactions, a transfer pair, zero
                            and negative amounts, a category tree with rules, three statement files
  fzip-1.0-small.fzip       one account, two transactions, one statement file (quick round trips)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from decimal import Decimal

REGION = 'eu-west-2'
TABLES = {
    'ACCOUNTS_TABLE': ('golden-accounts', 'accountId', [('UserIdIndex', 'userId', ('createdAt', 'N'))]),
    'TRANSACTIONS_TABLE': (
        'golden-transactions',
        'transactionId',
        [
            ('UserIdIndex', 'userId', ('date', 'N')),
            ('AccountDateIndex', 'accountId', ('date', 'N')),
            ('FileIdIndex', 'fileId', None),
            ('TransactionHashIndex', 'accountId', ('transactionHash', 'N')),
            ('AccountStatusDateIndex', 'accountId', ('statusDate', 'S')),
        ],
    ),
    'CATEGORIES_TABLE_NAME': ('golden-categories', 'categoryId', [('UserIdIndex', 'userId', ('name', 'S'))]),
    'FILE_MAPS_TABLE': ('golden-file-maps', 'fileMapId', [('UserIdIndex', 'userId', None)]),
    'FILES_TABLE': ('golden-transaction-files', 'fileId', [('UserIdIndex', 'userId', None)]),
    'FZIP_JOBS_TABLE': ('golden-fzip-jobs', 'jobId', [('UserIdIndex', 'userId', None)]),
    'ANALYTICS_DATA_TABLE': ('golden-analytics-data', 'pk', []),
    'ANALYTICS_STATUS_TABLE': ('golden-analytics-status', 'pk', []),
}
FILE_BUCKET = 'golden-file-storage'
FZIP_BUCKET = 'golden-fzip-packages'
USER = 'legacy-user-7f3a'  # the source userId the restore must replace
MS = 1_717_632_000_000  # 2024-06-06T00:00:00Z
DAY = 86_400_000


def housef3_source(repository: str, scratch: str) -> str:
    """backend/src of the given repository: a checkout, or a git directory (exported with git archive)."""
    checkout = os.path.join(repository, 'backend', 'src')
    if os.path.isdir(checkout):
        return checkout
    archive = subprocess.run(['git', '--git-dir', repository, 'archive', 'HEAD', 'backend/src'], check=True, capture_output=True).stdout
    subprocess.run(['tar', '-x', '-C', scratch], input=archive, check=True)
    return os.path.join(scratch, 'backend', 'src')


def create_tables(dynamodb) -> None:
    for table_name, key, indexes in TABLES.values():
        attributes = {key: 'S'}
        gsis = []
        for index_name, hash_key, range_key in indexes:
            attributes[hash_key] = 'S'
            schema = [{'AttributeName': hash_key, 'KeyType': 'HASH'}]
            if range_key is not None:
                attributes[range_key[0]] = range_key[1]
                schema.append({'AttributeName': range_key[0], 'KeyType': 'RANGE'})
            gsis.append({'IndexName': index_name, 'KeySchema': schema, 'Projection': {'ProjectionType': 'ALL'}})
        params = {
            'TableName': table_name,
            'KeySchema': [{'AttributeName': key, 'KeyType': 'HASH'}],
            'AttributeDefinitions': [{'AttributeName': name, 'AttributeType': kind} for name, kind in attributes.items()],
            'BillingMode': 'PAY_PER_REQUEST',
        }
        if gsis:
            params['GlobalSecondaryIndexes'] = gsis
        dynamodb.create_table(**params)


def fixed(n: int) -> uuid.UUID:
    return uuid.UUID(f'7e57f21b-0000-4000-8000-{n:012d}')


def seed_complete(s3) -> None:
    """The complete golden's user, written with HouseF3's own models and DynamoDB functions."""
    from models.account import Account, AccountType
    from models.money import Currency
    from models.category import Category, CategoryType, CategoryRule, MatchCondition
    from models.file_map import FileMap, FieldMapping
    from models.transaction_file import TransactionFile, FileFormat, ProcessingStatus, DateRange
    from models.transaction import Transaction, TransactionCategoryAssignment, CategoryAssignmentStatus
    from utils.db_utils import create_account, create_category_in_db, create_file_map, create_transaction_file, create_transaction

    current = Account(
        accountId=fixed(1), userId=USER, accountName='Compte Chèque €', accountType=AccountType.CHECKING, institution='Société Générale',
        balance=Decimal('1520.40'), currency=Currency.EUR, notes='joint — 共有口座', defaultFileMapId=fixed(40),
        firstTransactionDate=MS - 40 * DAY, lastTransactionDate=MS, importsStartDate=MS - 45 * DAY, importsEndDate=MS, createdAt=MS - 50 * DAY, updatedAt=MS,
    )
    savings = Account(accountId=fixed(2), userId=USER, accountName='Savings ☃', accountType=AccountType.SAVINGS, balance=Decimal('0.00'), currency=Currency.GBP, createdAt=MS - 49 * DAY, updatedAt=MS)
    card = Account(accountId=fixed(3), userId=USER, accountName='Card', accountType=AccountType.CREDIT_CARD, balance=Decimal('-87.28'), currency=Currency.GBP, isActive=False, createdAt=MS - 48 * DAY, updatedAt=MS)
    for account in (current, savings, card):
        create_account(account)

    food = Category(categoryId=fixed(20), userId=USER, name='Food & Drink 🍜', type=CategoryType.EXPENSE, icon='🍜', color='#FF5733', createdAt=MS - 30 * DAY, updatedAt=MS,
                    rules=[CategoryRule(ruleId='rule_0000f00d', fieldToMatch='description', condition=MatchCondition.CONTAINS, value='SAINSBURYS', priority=10, confidence=90)])
    groceries = Category(categoryId=fixed(21), userId=USER, name='Épicerie', type=CategoryType.EXPENSE, parentCategoryId=fixed(20), inheritParentRules=False, ruleInheritanceMode='override', createdAt=MS - 29 * DAY, updatedAt=MS,
                         rules=[CategoryRule(ruleId='rule_00000b19', fieldToMatch='amount', condition=MatchCondition.AMOUNT_BETWEEN, value='', amountMin=Decimal('10.00'), amountMax=Decimal('250'), caseSensitive=True, enabled=False, allowMultipleMatches=False, autoSuggest=False)])
    transfers = Category(categoryId=fixed(22), userId=USER, name='Transfers', type=CategoryType.TRANSFER, createdAt=MS - 28 * DAY, updatedAt=MS)
    salary = Category(categoryId=fixed(23), userId=USER, name='Salary', type=CategoryType.INCOME, ruleInheritanceMode='disabled', createdAt=MS - 27 * DAY, updatedAt=MS,
                      rules=[CategoryRule(ruleId='rule_5a1a2e00', fieldToMatch='description', condition=MatchCondition.REGEX, value='^ACME (LTD|PAYROLL)$', priority=100)])
    for category in (food, groceries, transfers, salary):
        create_category_in_db(category)

    csv_map = FileMap(fileMapId=fixed(40), userId=USER, name='Banque CSV', accountId=fixed(1), description='export from the bank’s site', reverseAmounts=True, createdAt=MS - 40 * DAY, updatedAt=MS,
                      mappings=[FieldMapping(sourceField='Date', targetField='date'), FieldMapping(sourceField='Libellé', targetField='description', transformation='strip'), FieldMapping(sourceField='Montant', targetField='amount')])
    create_file_map(csv_map)

    statements = [
        (fixed(30), fixed(1), 'relevé juin 2024.csv', FileFormat.CSV, 'Date,Libellé,Montant\n2024-06-06,SAINSBURYS.CO.UK \tON 05 JUN BCC,-87.28\n2024-06-05,ACME PAYROLL,2500.00\n'.encode('utf-8')),
        (fixed(31), fixed(2), 'savings.qif', FileFormat.QIF, b'!Type:Bank\nD06/04/2024\nT100.00\nPTransfer from current\n^\n'),
        (fixed(32), fixed(3), 'card ☃.ofx', FileFormat.OFX, b'OFXHEADER:100\r\nDATA:OFXSGML\r\n\r\n<OFX><BANKTRANLIST><STMTTRN><TRNAMT>-0.00</STMTTRN></BANKTRANLIST></OFX>\r\n' + bytes(range(256))),
    ]
    for file_id, account_id, name, file_format, content in statements:
        key = f'{USER}/{file_id}/{name}'
        s3.put_object(Bucket=FILE_BUCKET, Key=key, Body=content)
        record = TransactionFile(
            fileId=file_id, userId=USER, fileName=name, fileSize=len(content), s3Key=key, processingStatus=ProcessingStatus.PROCESSED, processedDate=MS - DAY,
            fileFormat=file_format, accountId=account_id, recordCount=2, dateRange=DateRange(startDate=MS - 10 * DAY, endDate=MS),
            uploadDate=MS - 2 * DAY, createdAt=MS - 2 * DAY, updatedAt=MS - DAY,
        )
        if file_id == fixed(30):
            record.file_map_id = fixed(40)
            record.opening_balance = Decimal('1000.00')
            record.closing_balance = Decimal('1520.40')
            record.currency = Currency.EUR
            record.duplicate_count = 1
            record.transaction_count = 4
        create_transaction_file(record)

    def assignment(category: uuid.UUID, status: CategoryAssignmentStatus, **extra) -> TransactionCategoryAssignment:
        return TransactionCategoryAssignment(categoryId=category, status=status, assignedAt=MS - DAY, **extra)

    transactions = [
        Transaction(transactionId=fixed(100), userId=USER, accountId=fixed(1), fileId=fixed(30), date=MS, description='SAINSBURYS.CO.UK \tON 05 JUN BCC', amount=Decimal('-87.28'),
                    currency=Currency.EUR, balance=Decimal('1520.40'), importOrder=1, transactionType='DEBIT', status='new', primaryCategoryId=fixed(21),
                    categories=[assignment(fixed(21), CategoryAssignmentStatus.CONFIRMED, isManual=True, confirmedAt=MS), assignment(fixed(20), CategoryAssignmentStatus.SUGGESTED, confidence=90, ruleId='rule_0000f00d')],
                    createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(101), userId=USER, accountId=fixed(1), fileId=fixed(30), date=MS, description='SAINSBURYS.CO.UK \tON 05 JUN BCC', amount=Decimal('-87.28'),
                    currency=Currency.EUR, importOrder=2, status='duplicate', createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(102), userId=USER, accountId=fixed(1), fileId=fixed(30), date=MS - DAY, description='ACME PAYROLL', amount=Decimal('2500.00'),
                    currency=Currency.EUR, balance=Decimal('1607.68'), importOrder=3, memo='Juni — Gehalt', status='new', primaryCategoryId=fixed(23),
                    categories=[assignment(fixed(23), CategoryAssignmentStatus.SUGGESTED, confidence=75, ruleId='rule_5a1a2e00')], createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(103), userId=USER, accountId=fixed(1), fileId=fixed(30), date=MS - 2 * DAY, description='Transfer to savings', amount=Decimal('-100.00'),
                    currency=Currency.EUR, importOrder=4, checkNumber='000123', fitId='FIT-ÄÖÜ-1', status='new', primaryCategoryId=fixed(22),
                    categories=[assignment(fixed(22), CategoryAssignmentStatus.CONFIRMED, confirmedAt=MS - DAY)], createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(104), userId=USER, accountId=fixed(2), fileId=fixed(31), date=MS - 2 * DAY, description='Transfer from current', amount=Decimal('100.00'),
                    currency=Currency.GBP, balance=Decimal('100.00'), importOrder=1, status='new', primaryCategoryId=fixed(22),
                    categories=[assignment(fixed(22), CategoryAssignmentStatus.CONFIRMED, confirmedAt=MS - DAY)], createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(105), userId=USER, accountId=fixed(2), fileId=fixed(31), date=MS - 3 * DAY, description='Interest 0%', amount=Decimal('0.00'),
                    currency=Currency.GBP, balance=Decimal('0.00'), importOrder=2, status='new', createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(106), userId=USER, accountId=fixed(3), fileId=fixed(32), date=MS - 4 * DAY, description='東京ラーメン 🍜', amount=Decimal('-0.00'),
                    currency=Currency.JPY, importOrder=1, status='duplicate', createdAt=MS - DAY, updatedAt=MS),
        Transaction(transactionId=fixed(107), userId=USER, accountId=fixed(3), fileId=fixed(32), date=MS - 5 * DAY, description='Refund', amount=Decimal('1E+3'),
                    currency=Currency.OTHER, importOrder=2, status='new', createdAt=MS - DAY, updatedAt=MS),
    ]
    for transaction in transactions:
        transaction.status_date = f'{transaction.status}#{transaction.date}'
        create_transaction(transaction)


def seed_small(s3) -> None:
    from models.account import Account, AccountType
    from models.money import Currency
    from models.transaction_file import TransactionFile, FileFormat, ProcessingStatus
    from models.transaction import Transaction
    from utils.db_utils import create_account, create_transaction_file, create_transaction

    create_account(Account(accountId=fixed(201), userId=USER, accountName='Everyday', accountType=AccountType.CHECKING, balance=Decimal('12.34'), currency=Currency.USD, createdAt=MS, updatedAt=MS))
    content = b'date,description,amount\n2024-06-06,Coffee,-3.50\n2024-06-06,Coffee,-3.50\n'
    key = f'{USER}/{fixed(230)}/coffee.csv'
    s3.put_object(Bucket=FILE_BUCKET, Key=key, Body=content)
    create_transaction_file(TransactionFile(fileId=fixed(230), userId=USER, fileName='coffee.csv', fileSize=len(content), s3Key=key, processingStatus=ProcessingStatus.PROCESSED,
                                            fileFormat=FileFormat.CSV, accountId=fixed(201), uploadDate=MS, createdAt=MS, updatedAt=MS))
    for n, status in ((300, 'new'), (301, 'duplicate')):
        create_transaction(Transaction(transactionId=fixed(n), userId=USER, accountId=fixed(201), fileId=fixed(230), date=MS, description='Coffee', amount=Decimal('-3.50'),
                                       currency=Currency.USD, importOrder=n - 299, status=status, statusDate=f'{status}#{MS}', createdAt=MS, updatedAt=MS))


def backup(s3, output: str) -> None:
    """HouseF3's backup as its handler runs it: initiate, collect, build (the package lands in S3)."""
    from models.fzip import FZIPBackupType
    from services.fzip_service import FZIPService

    service = FZIPService()
    job = service.initiate_backup(USER, FZIPBackupType.COMPLETE, include_analytics=False)
    data = service.collect_backup_data(USER, FZIPBackupType.COMPLETE, include_analytics=False)
    key, _size = service.build_backup_package(job, data)
    with open(output, 'wb') as out:
        out.write(s3.get_object(Bucket=FZIP_BUCKET, Key=key)['Body'].read())


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit('usage: make_fzip_goldens.py <housef3-repository> <output-directory>')
    repository, output = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(output, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix='housef3-src-')
    try:
        sys.path.insert(0, housef3_source(repository, scratch))
        os.environ.update({'AWS_DEFAULT_REGION': REGION, 'AWS_REGION': REGION, 'AWS_ACCESS_KEY_ID': 'golden', 'AWS_SECRET_ACCESS_KEY': 'golden',
                           'FILE_STORAGE_BUCKET': FILE_BUCKET, 'FZIP_PACKAGES_BUCKET': FZIP_BUCKET})
        os.environ.update({env: spec[0] for env, spec in TABLES.items()})
        import boto3
        from moto import mock_aws

        for name, seed in (('fzip-1.0-complete.fzip', seed_complete), ('fzip-1.0-small.fzip', seed_small)):
            with mock_aws():
                s3 = boto3.client('s3', region_name=REGION)
                for bucket in (FILE_BUCKET, FZIP_BUCKET):
                    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={'LocationConstraint': REGION})
                create_tables(boto3.client('dynamodb', region_name=REGION))
                boto3.client('events', region_name=REGION).create_event_bus(Name='housef3-dev-events')  # HouseF3 publishes backup events there
                reset_housef3_clients()
                seed(s3)
                backup(s3, os.path.join(output, name))
                print(f'wrote {os.path.join(output, name)}')
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def reset_housef3_clients() -> None:
    """HouseF3 caches its boto3 resources in singletons; each mocked AWS context needs fresh ones."""
    try:
        from utils.db.base import DynamoDBTables
        DynamoDBTables._instance = None
        import utils.db.base as base
        for module in list(sys.modules.values()):
            if getattr(module, 'tables', None).__class__ is DynamoDBTables:
                module.tables = DynamoDBTables()
        del base
    except ImportError:
        pass


if __name__ == '__main__':
    main()
