-- auditrelay ibmi install-exit-points --dry-run
-- Every statement the command sends, in order, over the Mapepire connection. CL commands go
-- through QSYS2.QCMDEXC. Nothing has been run.
-- NOT VERIFIED ON A REAL IBM i: that an SQL procedure with PROGRAM TYPE MAIN can be registered
-- and called as an exit program. Try it on a test partition first (docs/ibmi-setup.md).

-- (left out if library AUDITRELAY exists)
CREATE SCHEMA AUDITRELAY;

-- (left out if the table exists)
CREATE TABLE AUDITRELAY.EXIT_LOG (
  ENTRY_ID BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 1 INCREMENT BY 1 NO CYCLE),
  LOGGED_AT TIMESTAMP NOT NULL DEFAULT CURRENT TIMESTAMP,
  EXIT_POINT VARCHAR(20) NOT NULL,
  EXIT_FORMAT CHAR(8) NOT NULL,
  JOB_NAME VARCHAR(28),
  USER_NAME VARCHAR(10),
  SERVER_ID VARCHAR(10),
  FUNCTION_ID INTEGER,
  REMOTE_ADDRESS VARCHAR(45),
  OBJECT_LIBRARY VARCHAR(128),
  OBJECT_NAME VARCHAR(256),
  OBJECT_MEMBER VARCHAR(20),
  PATH_NAME VARGRAPHIC(2048) CCSID 1200,
  STATEMENT_LENGTH INTEGER,
  STATEMENT_TEXT VARCHAR(16000),
  DETAIL VARCHAR(512),
  PRIMARY KEY (ENTRY_ID)
);

REVOKE ALL ON AUDITRELAY.EXIT_LOG FROM PUBLIC;

GRANT SELECT ON AUDITRELAY.EXIT_LOG TO ARAGENT;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZDAINIT (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(285) FOR BIT DATA -- 2: ZDAI0100, 285 bytes
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZDAINIT
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZDA_INIT format ZDAI0100: database server: a client connects (ODBC, JDBC, OLE DB, .NET).
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   IBM i 7.4 rzaikodbcexitprog.htm: two parameters, X'F0' rejects (V)
  --   IBM i 7.3 rzajrmstexdb.htm, ZDAI0100 (V)
  --   the interface fields at 32-284 arrived in 6.1 (K); on V5R4 the format ended at 32
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (IBM i 7.3 rzajrmstexdb.htm, ZDAI0100 (V))
  --   SERVER_ID: server identifier CHAR(10) @10 (IBM i 7.3 rzajrmstexdb.htm, ZDAI0100 (V))
  --   FUNCTION_ID: requested function BINARY(4) @28 (IBM i 7.3 rzajrmstexdb.htm, ZDAI0100 (V))
  --   DETAIL: interface name CHAR(127) @95 (IBM i 7.3 rzajrmstexdb.htm, ZDAI0100 (V))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, DETAIL)
    VALUES (
      'QIBM_QZDA_INIT',
      'ZDAI0100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 96, 127) AS CHAR(127))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZDASQL2 (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(32765) FOR BIT DATA -- 2: ZDAQ0200: 238 bytes, then the statement text (its length at 234)
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZDASQL2
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZDA_SQL2 format ZDAQ0200: database server: SQL requests, with the full statement text.
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   IBM i 7.4 rzaikodbcexitprog.htm: two parameters, X'F0' rejects (V)
  --   IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V)
  --   IBM i 7.5 "Exit program parameter formats": a program on SQL2 means SQL1 is not called (V)
  --   bytes 105-233 changed in 6.1 (extended cursor/schema fields, K); 234 and 238 agree in every source
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V))
  --   SERVER_ID: server identifier CHAR(10) @10 (IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V))
  --   FUNCTION_ID: requested function BINARY(4) @28 (IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V))
  --   OBJECT_LIBRARY: default SQL schema CHAR(10) @95 (IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V); a placeholder when the schema name is longer: K)
  --   STATEMENT_LENGTH: length of SQL statement text BINARY(4) @234 (IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V))
  --   STATEMENT_TEXT: SQL statement text CHAR(*) @238 (IBM i 7.2 exitpointtable1.htm to offset 95 and V5R4 exitpointtable1.htm in full, ZDAQ0200 (V); its CCSID is not stated: the job CCSID is our assumption, K)
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, OBJECT_LIBRARY, STATEMENT_LENGTH, STATEMENT_TEXT)
    VALUES (
      'QIBM_QZDA_SQL2',
      'ZDAQ0200',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 96, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 235, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 239, MIN(MAX(INTERPRET(SUBSTR(REQUEST, 235, 4) AS INTEGER), 0), 16000)) AS CHAR(16000))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZDANDB1 (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(358) FOR BIT DATA -- 2: ZDAD0100, 358 bytes
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZDANDB1
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZDA_NDB1 format ZDAD0100: database server: native database requests (create, clear, delete files and members, overrides).
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   IBM i 7.4 rzaikodbcexitprog.htm: two parameters, X'F0' rejects (V)
  --   V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K)
  --   format ZDAD0200 (add libraries to the library list) is not registered
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K))
  --   SERVER_ID: server identifier CHAR(10) @10 (V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K))
  --   FUNCTION_ID: requested function BINARY(4) @28 (V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K))
  --   OBJECT_NAME: file name CHAR(128) @32 (V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K))
  --   OBJECT_LIBRARY: library name CHAR(10) @160 (V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K))
  --   OBJECT_MEMBER: member name CHAR(10) @170 (V5R4 exitpointtable3.htm, ZDAD0100 (V; unchanged on 7.x: K))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, OBJECT_NAME, OBJECT_LIBRARY, OBJECT_MEMBER)
    VALUES (
      'QIBM_QZDA_NDB1',
      'ZDAD0100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 33, 128) AS CHAR(128))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 161, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 171, 10) AS CHAR(10))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZDAROI1 (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(404) FOR BIT DATA -- 2: ZDAR0100, 404 bytes
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZDAROI1
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZDA_ROI1 format ZDAR0100: database server: catalog and object information requests.
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   IBM i 7.4 rzaikodbcexitprog.htm: two parameters, X'F0' rejects (V)
  --   V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K)
  --   format ZDAR0200 (primary and foreign keys) is not registered
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K))
  --   SERVER_ID: server identifier CHAR(10) @10 (V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K))
  --   FUNCTION_ID: requested function BINARY(4) @28 (V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K))
  --   OBJECT_LIBRARY: library name or search pattern CHAR(20) @32 (V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K))
  --   OBJECT_NAME: file or SQL alias name or pattern CHAR(256) @108 (V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K))
  --   OBJECT_MEMBER: member name or pattern CHAR(20) @364 (V5R4 exitpointtable6.htm, ZDAR0100 (V; the 7.5 extended schema name at 404: K))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, OBJECT_LIBRARY, OBJECT_NAME, OBJECT_MEMBER)
    VALUES (
      'QIBM_QZDA_ROI1',
      'ZDAR0100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 33, 20) AS CHAR(20))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 109, 256) AS CHAR(256))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 365, 20) AS CHAR(20))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZRCRMT (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(16056) FOR BIT DATA -- 2: CZRC0100: 56 bytes, then the command string (its length at 52)
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZRCRMT
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZRC_RMT format CZRC0100: remote command and distributed program call server (IBM i Access 'Run command', JTOpen CommandCall, ProgramCall).
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V)
  --   return value for the non-database host servers: IBM states the X'F0' rule for the database server only (K)
  --   the command CCSID field at 32 is 7.2+; on V5R4 offsets 32-51 were reserved (V)
  --   the generated program decodes the command in the job CCSID only; commands sent in UTF-16 or UTF-8 are logged as the job CCSID would read their bytes (a limit of this version)
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   SERVER_ID: server identifier CHAR(10) @10 (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   FUNCTION_ID: requested function BINARY(4) @28 (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   OBJECT_NAME: program name CHAR(10) @32, function X'1003' only (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   OBJECT_LIBRARY: program library CHAR(10) @42, function X'1003' only (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   STATEMENT_LENGTH: length of command string BINARY(4) @52, function X'1002' (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   STATEMENT_TEXT: command string CHAR(*) @56, function X'1002'; CCSID BINARY(4) @32: 0 job CCSID, 1200 UTF-16, 1208 UTF-8 (IBM i 7.5 and 7.2 "Remote command and distributed program call server", CZRC0100 (V))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, OBJECT_NAME, OBJECT_LIBRARY, STATEMENT_LENGTH, STATEMENT_TEXT)
    VALUES (
      'QIBM_QZRC_RMT',
      'CZRC0100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER),
      CASE WHEN INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER) = 4099 THEN RTRIM(INTERPRET(SUBSTR(REQUEST, 33, 10) AS CHAR(10))) END,
      CASE WHEN INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER) = 4099 THEN RTRIM(INTERPRET(SUBSTR(REQUEST, 43, 10) AS CHAR(10))) END,
      CASE WHEN INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER) = 4098 THEN INTERPRET(SUBSTR(REQUEST, 53, 4) AS INTEGER) END,
      CASE WHEN INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER) = 4098 THEN RTRIM(INTERPRET(SUBSTR(REQUEST, 57, MIN(MAX(INTERPRET(SUBSTR(REQUEST, 53, 4) AS INTEGER), 0), 16000)) AS CHAR(16000))) END);
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARPWFS (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(4136) FOR BIT DATA -- 2: PWFS0100: 40 bytes, then the path name in UTF-16 (its length in bytes at 36)
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARPWFS
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QPWFS_FILE_SERV format PWFS0100: file server: IFS requests from IBM i Access and NetServer (open, create, delete, rename, move).
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   IBM i 7.2 and V5R4 "File server", PWFS0100 (V)
  --   IBM i 7.3: format PWFS0200 adds the copy request; a program registered for PWFS0200 is called instead (V); PWFS0200 layout not read
  --   the program name is resolved when QSERVER starts: restart QSERVER (V, 7.3); ending QSERVER also ends NetServer and the database server daemon
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (IBM i 7.2 and V5R4 "File server", PWFS0100 (V))
  --   SERVER_ID: server identifier CHAR(10) @10 (IBM i 7.2 and V5R4 "File server", PWFS0100 (V))
  --   FUNCTION_ID: requested function BINARY(4) @20, before the format name (IBM i 7.2 and V5R4 "File server", PWFS0100 (V))
  --   DETAIL: file access CHAR(4) @32: read, write, read/write, delete-allowed, each X'F1' or X'F0' (IBM i 7.2 and V5R4 "File server", PWFS0100 (V))
  --   PATH_NAME: file name CHAR(*) @40 in CCSID 1200, its length in bytes BINARY(4) @36 (IBM i 7.2 and V5R4 "File server", PWFS0100 (V))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, DETAIL, PATH_NAME)
    VALUES (
      'QIBM_QPWFS_FILE_SERV',
      'PWFS0100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 21, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 33, 4) AS CHAR(4))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 41, MIN(MAX(INTERPRET(SUBSTR(REQUEST, 37, 4) AS INTEGER), 0), 4096)) AS GRAPHIC(2048) CCSID 1200)));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZSOSIGN (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(32) FOR BIT DATA -- 2: ZSOY0100, 32 bytes
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZSOSIGN
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZSO_SIGNONSRV format ZSOY0100: sign-on server: sign-on, password change, authentication tokens.
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   V5R4 rzaiimstexsignon.htm, ZSOY0100 (V)
  --   function values from the V5R4 header EZSOEP only (K on an IBM page)
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (V5R4 rzaiimstexsignon.htm, ZSOY0100 (V))
  --   SERVER_ID: server identifier CHAR(10) @10 (V5R4 rzaiimstexsignon.htm, ZSOY0100 (V))
  --   FUNCTION_ID: requested function BINARY(4) @28 (V5R4 rzaiimstexsignon.htm, ZSOY0100 (V))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID)
    VALUES (
      'QIBM_QZSO_SIGNONSRV',
      'ZSOY0100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARZHQDTAQ (
  INOUT RETURN_CODE CHAR(1), -- 1: answer: X'F0' ('0') rejects, anything else allows; we set '1'
  IN REQUEST CHAR(314) FOR BIT DATA -- 2: ZHQ00100, 314 bytes
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARZHQDTAQ
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QZHQ_DATA_QUEUE format ZHQ00100: data queue server (sockets): create, delete, send, receive, clear; replaces the old QIBM_QHQ_DTAQ.
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- Sources:
  --   V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V)
  --   the message data itself is not passed to the exit program (V)
  -- Logged fields:
  --   USER_NAME: user profile CHAR(10) @0 (V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V))
  --   SERVER_ID: server identifier CHAR(10) @10 (V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V))
  --   FUNCTION_ID: requested function BINARY(4) @28 (V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V))
  --   OBJECT_NAME: data queue name CHAR(10) @32 (V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V))
  --   OBJECT_LIBRARY: data queue library CHAR(10) @42 (V5R4 rzaiimstexdata.htm (setgetweb mirror), ZHQ00100 (V))
  --   REMOTE_ADDRESS: SYSIBM.CLIENT_IPADDR of the server job (the format has no address; whether the global variable is set in every host server job: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = '1';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, REMOTE_ADDRESS, USER_NAME, SERVER_ID, FUNCTION_ID, OBJECT_NAME, OBJECT_LIBRARY)
    VALUES (
      'QIBM_QZHQ_DATA_QUEUE',
      'ZHQ00100',
      QSYS2.JOB_NAME,
      LEFT(SYSIBM.CLIENT_IPADDR, 45),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 11, 10) AS CHAR(10))),
      INTERPRET(SUBSTR(REQUEST, 29, 4) AS INTEGER),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 33, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(REQUEST, 43, 10) AS CHAR(10))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARFTPREQ (
  IN APPLICATION_ID INTEGER, -- 1: 0 FTP client, 1 FTP server, 2 REXEC, 3 TFTP
  IN OPERATION_ID INTEGER, -- 2: operation: 0 session start … 9 CL command
  IN USER_PROFILE CHAR(10), -- 3: user profile
  IN REMOTE_IP CHAR(46) FOR BIT DATA, -- 4: remote IP address, dotted or IPv6 form
  IN REMOTE_IP_LENGTH INTEGER, -- 5: length of the remote IP address
  IN OPERATION_INFO CHAR(16000) FOR BIT DATA, -- 6: operation-specific information: a path, or the CL command for operation 9
  IN OPERATION_INFO_LENGTH INTEGER, -- 7: its length (0 if none)
  INOUT ALLOW_OPERATION INTEGER -- 8: answer: 1 allows this request; we set 1
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARFTPREQ
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QTMF_SERVER_REQ format VLRQ0100: FTP server (and REXEC, TFTP through the same format): every subcommand.
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- CAUTION: A failing exit program rejects FTP requests (IBM, V): test on a non-production system first.
  -- Sources:
  --   IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V)
  --   IBM i 7.4: an exception in the exit program, or a value not valid in parameter 8, makes the FTP server REJECT the request (V): this program sets 1 before anything else
  --   allow value 1 from community code and IBM's 7.2 page (-1 rejects always, V); 2 would stop later calls for the session and is never used
  --   IBM support "Debugging FTP exit programs": restart the FTP server after registering (V)
  -- Logged fields:
  --   USER_NAME: parameter 3 CHAR(10) (IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V))
  --   SERVER_ID: parameter 1 BINARY(4), application identifier (IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V))
  --   FUNCTION_ID: parameter 2 BINARY(4), operation identifier (IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V))
  --   REMOTE_ADDRESS: parameters 4-5, remote IP address CHAR(*) and its length (IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V)); no port in the format
  --   STATEMENT_LENGTH: parameter 7 BINARY(4) (IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V))
  --   STATEMENT_TEXT: parameter 6 CHAR(*), operation-specific information (IBM i 7.4 rzaiqpsvrep.htm and rzaiqvlrq.htm, VLRQ0100 (V); its CCSID: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET ALLOW_OPERATION = 1;
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, USER_NAME, SERVER_ID, FUNCTION_ID, REMOTE_ADDRESS, STATEMENT_LENGTH, STATEMENT_TEXT)
    VALUES (
      'QIBM_QTMF_SERVER_REQ',
      'VLRQ0100',
      QSYS2.JOB_NAME,
      RTRIM(USER_PROFILE),
      CAST(APPLICATION_ID AS VARCHAR(10)),
      OPERATION_ID,
      RTRIM(INTERPRET(SUBSTR(REMOTE_IP, 1, MIN(MAX(REMOTE_IP_LENGTH, 0), 45)) AS CHAR(45))),
      OPERATION_INFO_LENGTH,
      RTRIM(INTERPRET(SUBSTR(OPERATION_INFO, 1, MIN(MAX(OPERATION_INFO_LENGTH, 0), 16000)) AS CHAR(16000))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARFTPLOGON (
  IN APPLICATION_ID INTEGER, -- 1: 1 FTP server, 2 REXEC server
  IN USER_ID CHAR(256) FOR BIT DATA, -- 2: user identifier sent by the client
  IN USER_ID_LENGTH INTEGER, -- 3: its length
  IN AUTHENTICATION CHAR(256) FOR BIT DATA, -- 4: the password as sent: declared only to reach the next parameters, NEVER read
  IN AUTHENTICATION_LENGTH INTEGER, -- 5: its length
  IN CLIENT_IP CHAR(46) FOR BIT DATA, -- 6: client IP address
  IN CLIENT_IP_LENGTH INTEGER, -- 7: its length
  INOUT RETURN_CODE INTEGER, -- 8: answer: 1 = go on with the client's own user and password; we set 1
  INOUT USER_PROFILE CHAR(10), -- 9: output, left alone
  INOUT PASSWORD CHAR(10), -- 10: output, left alone
  INOUT INITIAL_LIBRARY CHAR(10) -- 11: output, left alone
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARFTPLOGON
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QTMF_SVR_LOGON format TCPL0100: FTP server logon: every logon attempt, with the client address (never the password).
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- CAUTION: A logon exit that cannot run could stop every FTP logon, and registering one changes how ANONYMOUS is handled: install it only after testing (--exit-points).
  -- Sources:
  --   V5R4 rzaiql0100.htm, TCPL0100 (V)
  --   return code 1 = accept with the client's user and password; 5 and 6 would skip the password check and are never used (V5R4 usage notes, V)
  --   registering any logon exit changes the answer to user ANONYMOUS (V5R4, V); one program per logon exit point (K)
  -- Logged fields:
  --   SERVER_ID: parameter 1 BINARY(4) (V5R4 rzaiql0100.htm, TCPL0100 (V))
  --   USER_NAME: parameters 2-3, user identifier CHAR(*) (V5R4 rzaiql0100.htm, TCPL0100 (V)); cut at 10 characters
  --   REMOTE_ADDRESS: parameters 6-7, client IP address CHAR(*) (V5R4 rzaiql0100.htm, TCPL0100 (V))
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET RETURN_CODE = 1;
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, SERVER_ID, USER_NAME, REMOTE_ADDRESS)
    VALUES (
      'QIBM_QTMF_SVR_LOGON',
      'TCPL0100',
      QSYS2.JOB_NAME,
      CAST(APPLICATION_ID AS VARCHAR(10)),
      RTRIM(INTERPRET(SUBSTR(USER_ID, 1, MIN(MAX(USER_ID_LENGTH, 0), 10)) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(CLIENT_IP, 1, MIN(MAX(CLIENT_IP_LENGTH, 0), 45)) AS CHAR(45))));
END;

CREATE OR REPLACE PROCEDURE AUDITRELAY.ARTELNET (
  INOUT USER_DESCRIPTION CHAR(44) FOR BIT DATA, -- 1: auto-sign-on values, left alone
  INOUT DEVICE_DESCRIPTION CHAR(64) FOR BIT DATA, -- 2: device name at 0, left alone
  IN CONNECTION CHAR(76) FOR BIT DATA, -- 3: connection description
  IN ENVIRONMENT CHAR(1024) FOR BIT DATA, -- 4: environment options, not read
  IN ENVIRONMENT_LENGTH INTEGER, -- 5: their length
  INOUT ALLOW_CONNECTION CHAR(1), -- 6: answer: '1' accepts; we set '1'
  INOUT ALLOW_AUTO_SIGNON CHAR(1) -- 7: '0': no auto-sign-on, the returned values are ignored
)
  LANGUAGE SQL
  SPECIFIC AUDITRELAY.ARTELNET
  NOT DETERMINISTIC
  MODIFIES SQL DATA
  PROGRAM TYPE MAIN
  SET OPTION COMMIT = *NONE, USRPRF = *OWNER, DYNUSRPRF = *OWNER
BEGIN
  -- QIBM_QTG_DEVINIT format INIT0100: Telnet server: a session starts (client address, device).
  -- Monitor only: answers "allow" before anything else, and any SQL error ends the program quietly (fail open).
  -- NOT VERIFIED ON A REAL IBM i: that this SQL procedure (PROGRAM TYPE MAIN) can be registered and called as
  -- an exit program with the parameter list above. Test it on a non-production system first.
  -- CAUTION: A DEVINIT exit that cannot run could stop Telnet sessions: install it only after testing (--exit-points).
  -- Sources:
  --   IBM i 7.4 rzaiwdevinit.htm, INIT0100 parameters (V); connection description offsets from the V5R4 QSYSINC header ETGDEVEX (K on 7.x)
  --   allow values '1'/'0' from the 7.5 page (zh) (V); the signing-on user is not known at this point
  --   restart requirement for Telnet: K
  -- Logged fields:
  --   OBJECT_NAME: device name CHAR(10) @0 of parameter 2 (IBM i 7.4 rzaiwdevinit.htm, INIT0100 parameters (V); connection description offsets from the V5R4 QSYSINC header ETGDEVEX (K on 7.x); 7.1 rzaiwdevdesc.htm, V)
  --   REMOTE_ADDRESS: client IP address CHAR(20) @4 of parameter 3 (V5R4 header ETGDEVEX; too short for IPv6, how 7.x reports IPv6 clients: K)
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN END;
  SET ALLOW_CONNECTION = '1';
  SET ALLOW_AUTO_SIGNON = '0';
  INSERT INTO AUDITRELAY.EXIT_LOG (EXIT_POINT, EXIT_FORMAT, JOB_NAME, OBJECT_NAME, REMOTE_ADDRESS)
    VALUES (
      'QIBM_QTG_DEVINIT',
      'INIT0100',
      QSYS2.JOB_NAME,
      RTRIM(INTERPRET(SUBSTR(DEVICE_DESCRIPTION, 1, 10) AS CHAR(10))),
      RTRIM(INTERPRET(SUBSTR(CONNECTION, 5, 20) AS CHAR(20))));
END;

-- CL: ADDEXITPGM EXITPNT(QIBM_QZDA_INIT) FORMAT(ZDAI0100) PGMNBR(9901) PGM(AUDITRELAY/ARZDAINIT) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZDA_INIT) FORMAT(ZDAI0100) PGMNBR(9901) PGM(AUDITRELAY/ARZDAINIT) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QZDA_SQL2) FORMAT(ZDAQ0200) PGMNBR(9901) PGM(AUDITRELAY/ARZDASQL2) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZDA_SQL2) FORMAT(ZDAQ0200) PGMNBR(9901) PGM(AUDITRELAY/ARZDASQL2) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QZDA_NDB1) FORMAT(ZDAD0100) PGMNBR(9901) PGM(AUDITRELAY/ARZDANDB1) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZDA_NDB1) FORMAT(ZDAD0100) PGMNBR(9901) PGM(AUDITRELAY/ARZDANDB1) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QZDA_ROI1) FORMAT(ZDAR0100) PGMNBR(9901) PGM(AUDITRELAY/ARZDAROI1) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZDA_ROI1) FORMAT(ZDAR0100) PGMNBR(9901) PGM(AUDITRELAY/ARZDAROI1) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QZRC_RMT) FORMAT(CZRC0100) PGMNBR(9901) PGM(AUDITRELAY/ARZRCRMT) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZRC_RMT) FORMAT(CZRC0100) PGMNBR(9901) PGM(AUDITRELAY/ARZRCRMT) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QPWFS_FILE_SERV) FORMAT(PWFS0100) PGMNBR(9901) PGM(AUDITRELAY/ARPWFS) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QPWFS_FILE_SERV) FORMAT(PWFS0100) PGMNBR(9901) PGM(AUDITRELAY/ARPWFS) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QZSO_SIGNONSRV) FORMAT(ZSOY0100) PGMNBR(9901) PGM(AUDITRELAY/ARZSOSIGN) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZSO_SIGNONSRV) FORMAT(ZSOY0100) PGMNBR(9901) PGM(AUDITRELAY/ARZSOSIGN) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QZHQ_DATA_QUEUE) FORMAT(ZHQ00100) PGMNBR(9901) PGM(AUDITRELAY/ARZHQDTAQ) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QZHQ_DATA_QUEUE) FORMAT(ZHQ00100) PGMNBR(9901) PGM(AUDITRELAY/ARZHQDTAQ) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QTMF_SERVER_REQ) FORMAT(VLRQ0100) PGMNBR(9901) PGM(AUDITRELAY/ARFTPREQ) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QTMF_SERVER_REQ) FORMAT(VLRQ0100) PGMNBR(9901) PGM(AUDITRELAY/ARFTPREQ) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QTMF_SVR_LOGON) FORMAT(TCPL0100) PGMNBR(9901) PGM(AUDITRELAY/ARFTPLOGON) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QTMF_SVR_LOGON) FORMAT(TCPL0100) PGMNBR(9901) PGM(AUDITRELAY/ARFTPLOGON) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- CL: ADDEXITPGM EXITPNT(QIBM_QTG_DEVINIT) FORMAT(INIT0100) PGMNBR(9901) PGM(AUDITRELAY/ARTELNET) TEXT('AuditRelay monitor, allows every request') REPLACE(*NO)
-- (left out if this program is already registered)
CALL QSYS2.QCMDEXC('ADDEXITPGM EXITPNT(QIBM_QTG_DEVINIT) FORMAT(INIT0100) PGMNBR(9901) PGM(AUDITRELAY/ARTELNET) TEXT(''AuditRelay monitor, allows every request'') REPLACE(*NO)');

-- The servers call the programs only after their jobs restart. When it suits (some end active sessions):
--   ENDPJ SBS(QUSRWRK) PGM(QSYS/QZDASOINIT) OPTION(*IMMED)
--   STRPJ SBS(QUSRWRK) PGM(QSYS/QZDASOINIT)
--   ENDPJ SBS(QUSRWRK) PGM(QSYS/QZDASSINIT) OPTION(*IMMED)
--   STRPJ SBS(QUSRWRK) PGM(QSYS/QZDASSINIT)
--   ENDPJ SBS(QUSRWRK) PGM(QSYS/QZRCSRVS) OPTION(*IMMED)
--   STRPJ SBS(QUSRWRK) PGM(QSYS/QZRCSRVS)
--   ENDSBS SBS(QSERVER) OPTION(*CNTRLD) DELAY(60)
--   STRSBS SBSD(QSYS/QSERVER)
--   ENDPJ SBS(QUSRWRK) PGM(QSYS/QZSOSIGN) OPTION(*IMMED)
--   STRPJ SBS(QUSRWRK) PGM(QSYS/QZSOSIGN)
--   ENDPJ SBS(QUSRWRK) PGM(QSYS/QZHQSSRV) OPTION(*IMMED)
--   STRPJ SBS(QUSRWRK) PGM(QSYS/QZHQSSRV)
--   ENDTCPSVR SERVER(*FTP)
--   STRTCPSVR SERVER(*FTP)
--   ENDTCPSVR SERVER(*TELNET)
--   STRTCPSVR SERVER(*TELNET)
