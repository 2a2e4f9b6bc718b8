-- AdventureWorksLT (Microsoft's lightweight sample, schema SalesLT), tables and columns
-- written from its published data dictionary; the SalesLT schema dropped (SQLite has none).
CREATE TABLE Address (
    AddressID INTEGER PRIMARY KEY, AddressLine1 TEXT, AddressLine2 TEXT, City TEXT,
    StateProvince TEXT, CountryRegion TEXT, PostalCode TEXT, rowguid TEXT, ModifiedDate TEXT
);
CREATE TABLE Customer (
    CustomerID INTEGER PRIMARY KEY, NameStyle INTEGER, Title TEXT, FirstName TEXT,
    MiddleName TEXT, LastName TEXT, Suffix TEXT, CompanyName TEXT, SalesPerson TEXT,
    EmailAddress TEXT, Phone TEXT, PasswordHash TEXT, PasswordSalt TEXT, rowguid TEXT,
    ModifiedDate TEXT
);
CREATE TABLE CustomerAddress (
    CustomerID INTEGER REFERENCES Customer(CustomerID),
    AddressID INTEGER REFERENCES Address(AddressID), AddressType TEXT, rowguid TEXT,
    ModifiedDate TEXT, PRIMARY KEY (CustomerID, AddressID)
);
CREATE TABLE ProductCategory (
    ProductCategoryID INTEGER PRIMARY KEY,
    ParentProductCategoryID INTEGER REFERENCES ProductCategory(ProductCategoryID),
    Name TEXT, rowguid TEXT, ModifiedDate TEXT
);
CREATE TABLE ProductModel (
    ProductModelID INTEGER PRIMARY KEY, Name TEXT, CatalogDescription TEXT, rowguid TEXT,
    ModifiedDate TEXT
);
CREATE TABLE ProductDescription (
    ProductDescriptionID INTEGER PRIMARY KEY, Description TEXT, rowguid TEXT,
    ModifiedDate TEXT
);
CREATE TABLE ProductModelProductDescription (
    ProductModelID INTEGER REFERENCES ProductModel(ProductModelID),
    ProductDescriptionID INTEGER REFERENCES ProductDescription(ProductDescriptionID),
    Culture TEXT, rowguid TEXT, ModifiedDate TEXT,
    PRIMARY KEY (ProductModelID, ProductDescriptionID, Culture)
);
CREATE TABLE Product (
    ProductID INTEGER PRIMARY KEY, Name TEXT, ProductNumber TEXT, Color TEXT,
    StandardCost NUMERIC, ListPrice NUMERIC, Size TEXT, Weight NUMERIC,
    ProductCategoryID INTEGER REFERENCES ProductCategory(ProductCategoryID),
    ProductModelID INTEGER REFERENCES ProductModel(ProductModelID), SellStartDate TEXT,
    SellEndDate TEXT, DiscontinuedDate TEXT, ThumbNailPhoto BLOB,
    ThumbnailPhotoFileName TEXT, rowguid TEXT, ModifiedDate TEXT
);
CREATE TABLE SalesOrderHeader (
    SalesOrderID INTEGER PRIMARY KEY, RevisionNumber INTEGER, OrderDate TEXT, DueDate TEXT,
    ShipDate TEXT, Status INTEGER, OnlineOrderFlag INTEGER, SalesOrderNumber TEXT,
    PurchaseOrderNumber TEXT, AccountNumber TEXT,
    CustomerID INTEGER REFERENCES Customer(CustomerID),
    ShipToAddressID INTEGER REFERENCES Address(AddressID),
    BillToAddressID INTEGER REFERENCES Address(AddressID), ShipMethod TEXT,
    CreditCardApprovalCode TEXT, SubTotal NUMERIC, TaxAmt NUMERIC, Freight NUMERIC,
    TotalDue NUMERIC, Comment TEXT, rowguid TEXT, ModifiedDate TEXT
);
CREATE TABLE SalesOrderDetail (
    SalesOrderID INTEGER REFERENCES SalesOrderHeader(SalesOrderID),
    SalesOrderDetailID INTEGER, OrderQty INTEGER,
    ProductID INTEGER REFERENCES Product(ProductID), UnitPrice NUMERIC,
    UnitPriceDiscount NUMERIC, LineTotal NUMERIC, rowguid TEXT, ModifiedDate TEXT,
    PRIMARY KEY (SalesOrderID, SalesOrderDetailID)
);
