-- The "classicmodels" sample database (a scale-model retailer) that MySQL tutorials use:
-- camelCase column names in lower-case, run-together table names. Schema only.
CREATE TABLE productlines (
  productLine varchar(50) PRIMARY KEY,
  textDescription varchar(4000),
  htmlDescription text,
  image blob
);
CREATE TABLE products (
  productCode varchar(15) PRIMARY KEY,
  productName varchar(70) NOT NULL,
  productLine varchar(50) NOT NULL REFERENCES productlines (productLine),
  productScale varchar(10) NOT NULL,
  productVendor varchar(50) NOT NULL,
  productDescription text NOT NULL,
  quantityInStock smallint NOT NULL,
  buyPrice decimal(10,2) NOT NULL,
  MSRP decimal(10,2) NOT NULL
);
CREATE TABLE offices (
  officeCode varchar(10) PRIMARY KEY,
  city varchar(50) NOT NULL,
  phone varchar(50) NOT NULL,
  addressLine1 varchar(50) NOT NULL,
  addressLine2 varchar(50),
  state varchar(50),
  country varchar(50) NOT NULL,
  postalCode varchar(15) NOT NULL,
  territory varchar(10) NOT NULL
);
CREATE TABLE employees (
  employeeNumber int PRIMARY KEY,
  lastName varchar(50) NOT NULL,
  firstName varchar(50) NOT NULL,
  extension varchar(10) NOT NULL,
  email varchar(100) NOT NULL,
  officeCode varchar(10) NOT NULL REFERENCES offices (officeCode),
  reportsTo int REFERENCES employees (employeeNumber),
  jobTitle varchar(50) NOT NULL
);
CREATE TABLE customers (
  customerNumber int PRIMARY KEY,
  customerName varchar(50) NOT NULL,
  contactLastName varchar(50) NOT NULL,
  contactFirstName varchar(50) NOT NULL,
  phone varchar(50) NOT NULL,
  addressLine1 varchar(50) NOT NULL,
  addressLine2 varchar(50),
  city varchar(50) NOT NULL,
  state varchar(50),
  postalCode varchar(15),
  country varchar(50) NOT NULL,
  salesRepEmployeeNumber int REFERENCES employees (employeeNumber),
  creditLimit decimal(10,2)
);
CREATE TABLE payments (
  customerNumber int NOT NULL REFERENCES customers (customerNumber),
  checkNumber varchar(50) NOT NULL,
  paymentDate date NOT NULL,
  amount decimal(10,2) NOT NULL,
  PRIMARY KEY (customerNumber, checkNumber)
);
CREATE TABLE orders (
  orderNumber int PRIMARY KEY,
  orderDate date NOT NULL,
  requiredDate date NOT NULL,
  shippedDate date,
  status varchar(15) NOT NULL,
  comments text,
  customerNumber int NOT NULL REFERENCES customers (customerNumber)
);
CREATE TABLE orderdetails (
  orderNumber int NOT NULL REFERENCES orders (orderNumber),
  productCode varchar(15) NOT NULL REFERENCES products (productCode),
  quantityOrdered int NOT NULL,
  priceEach decimal(10,2) NOT NULL,
  orderLineNumber smallint NOT NULL,
  PRIMARY KEY (orderNumber, productCode)
);
