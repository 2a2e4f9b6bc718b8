-- A synthetic line-of-business schema in the style of old desktop-database applications:
-- PascalCase that splits single English words at their parts (WareHouse, PassWord,
-- TimeStamp), so a user typing the word as one finds nothing by the name's own tokens.
CREATE TABLE WareHouse (
  WareHouseID integer PRIMARY KEY,
  WareHouseName varchar(80) NOT NULL,
  HeadQuarters varchar(80),
  PostCode varchar(12),
  LandLine varchar(30)
);
CREATE TABLE UserAccount (
  UserAccountID integer PRIMARY KEY,
  UserName varchar(60) NOT NULL,
  PassWord varchar(128) NOT NULL,
  NickName varchar(60),
  BirthDay date,
  LogIn varchar(60),
  TimeStamp timestamp
);
CREATE TABLE StoreFront (
  StoreFrontID integer PRIMARY KEY,
  WareHouseID integer REFERENCES WareHouse (WareHouseID),
  ShopKeeper varchar(80),
  WebSite varchar(200),
  HomePage varchar(200)
);
CREATE TABLE ShipMent (
  ShipMentID integer PRIMARY KEY,
  StoreFrontID integer REFERENCES StoreFront (StoreFrontID),
  ShipMentDate date,
  TrackingNumber varchar(40),
  WayBill varchar(40),
  CheckPoint varchar(80)
);
CREATE TABLE BookKeeping (
  EntryID integer PRIMARY KEY,
  LedgerAccount varchar(40) NOT NULL,
  PayRoll decimal(12,2),
  OverTime decimal(8,2),
  BreakDown varchar(200)
);
