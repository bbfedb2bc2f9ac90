// One module per entry type (its layout and its rules); this index is the catalog.
import type { EntryDefinition } from '../rules.js';
import { AD } from './AD.js';
import { AF } from './AF.js';
import { AP } from './AP.js';
import { AU } from './AU.js';
import { AX } from './AX.js';
import { CA } from './CA.js';
import { CD } from './CD.js';
import { CO } from './CO.js';
import { CP } from './CP.js';
import { CQ } from './CQ.js';
import { CU } from './CU.js';
import { CV } from './CV.js';
import { CY } from './CY.js';
import { DI } from './DI.js';
import { DO } from './DO.js';
import { DS } from './DS.js';
import { EV } from './EV.js';
import { GR } from './GR.js';
import { GS } from './GS.js';
import { IM } from './IM.js';
import { IP } from './IP.js';
import { IR } from './IR.js';
import { IS } from './IS.js';
import { JD } from './JD.js';
import { JS } from './JS.js';
import { KF } from './KF.js';
import { LD } from './LD.js';
import { M0 } from './M0.js';
import { M6 } from './M6.js';
import { M7 } from './M7.js';
import { M8 } from './M8.js';
import { M9 } from './M9.js';
import { ML } from './ML.js';
import { NA } from './NA.js';
import { ND } from './ND.js';
import { NE } from './NE.js';
import { O1 } from './O1.js';
import { O2 } from './O2.js';
import { O3 } from './O3.js';
import { OM } from './OM.js';
import { OR } from './OR.js';
import { OW } from './OW.js';
import { PA } from './PA.js';
import { PF } from './PF.js';
import { PG } from './PG.js';
import { PO } from './PO.js';
import { PS } from './PS.js';
import { PU } from './PU.js';
import { PW } from './PW.js';
import { RA } from './RA.js';
import { RJ } from './RJ.js';
import { RO } from './RO.js';
import { RP } from './RP.js';
import { RQ } from './RQ.js';
import { RU } from './RU.js';
import { RZ } from './RZ.js';
import { SD } from './SD.js';
import { SE } from './SE.js';
import { SF } from './SF.js';
import { SG } from './SG.js';
import { SK } from './SK.js';
import { SM } from './SM.js';
import { SO } from './SO.js';
import { ST } from './ST.js';
import { SV } from './SV.js';
import { VA } from './VA.js';
import { VC } from './VC.js';
import { VF } from './VF.js';
import { VL } from './VL.js';
import { VN } from './VN.js';
import { VO } from './VO.js';
import { VP } from './VP.js';
import { VR } from './VR.js';
import { VS } from './VS.js';
import { VU } from './VU.js';
import { VV } from './VV.js';
import { X0 } from './X0.js';
import { X1 } from './X1.js';
import { X2 } from './X2.js';
import { XD } from './XD.js';
import { YC } from './YC.js';
import { YR } from './YR.js';
import { ZC } from './ZC.js';
import { ZM } from './ZM.js';
import { ZR } from './ZR.js';

export const ENTRY_TYPES: Readonly<Record<string, EntryDefinition>> = {
  AD,
  AF,
  AP,
  AU,
  AX,
  CA,
  CD,
  CO,
  CP,
  CQ,
  CU,
  CV,
  CY,
  DI,
  DO,
  DS,
  EV,
  GR,
  GS,
  IM,
  IP,
  IR,
  IS,
  JD,
  JS,
  KF,
  LD,
  M0,
  M6,
  M7,
  M8,
  M9,
  ML,
  NA,
  ND,
  NE,
  O1,
  O2,
  O3,
  OM,
  OR,
  OW,
  PA,
  PF,
  PG,
  PO,
  PS,
  PU,
  PW,
  RA,
  RJ,
  RO,
  RP,
  RQ,
  RU,
  RZ,
  SD,
  SE,
  SF,
  SG,
  SK,
  SM,
  SO,
  ST,
  SV,
  VA,
  VC,
  VF,
  VL,
  VN,
  VO,
  VP,
  VR,
  VS,
  VU,
  VV,
  X0,
  X1,
  X2,
  XD,
  YC,
  YR,
  ZC,
  ZM,
  ZR,
};
