/** QBO's error shapes: the standard Fault envelope, the lower-case 401/403 bodies and the XML throttle body. */
import type { JsonObject } from "./json";
import { pacificIso } from "./time";

export type FaultType =
  "ValidationFault" | "SystemFault" | "AuthenticationFault" | "AuthorizationFault";

export class QboError extends Error {
  constructor(
    readonly code: string,
    readonly qboMessage: string,
    readonly detail: string,
    readonly element = "",
    readonly status = 400,
    readonly type: FaultType = "ValidationFault"
  ) {
    super(`${code} ${qboMessage}: ${detail}`);
    Object.setPrototypeOf(this, QboError.prototype);
  }

  fault(): JsonObject {
    return {
      Error: [
        { Message: this.qboMessage, Detail: this.detail, code: this.code, element: this.element },
      ],
      type: this.type,
    };
  }
}

/** Message templates, one place. */
export const Faults = {
  objectNotFound: (entity: string, id: string): QboError =>
    new QboError(
      "610",
      "Object Not Found",
      `Object Not Found : Another user has deleted this transaction. (${entity} ${id})`
    ),
  inactiveRef: (element: string): QboError =>
    new QboError(
      "610",
      "Object Not Found",
      "Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.",
      element
    ),
  invalidRef: (what: string, id: string, element: string): QboError =>
    new QboError(
      "2500",
      "Invalid Reference Id",
      `Invalid Reference Id : ${what} assigned to this transaction has been deleted. Before you can modify this transaction, you must restore ${what} (Id ${id}).`,
      element
    ),
  required: (element: string): QboError =>
    new QboError(
      "2020",
      "Required param missing, need to supply the required value for the API",
      `Required parameter ${element} is missing in the request`,
      element
    ),
  invalidId: (element: string): QboError =>
    new QboError(
      "2030",
      "Invalid ID",
      `Id should be a valid number. Supplied value:${element}`,
      element
    ),
  stringLength: (element: string, max: number): QboError =>
    new QboError(
      "2050",
      "Invalid String Length",
      `String length is either shorter or longer than supported by specification. Min:0 Max:${max}`,
      element
    ),
  invalidDate: (element: string, value: string): QboError =>
    new QboError(
      "2060",
      "Invalid Date format",
      `Date is invalid or has an invalid format: ${value}`,
      element
    ),
  invalidEnum: (element: string, value: string): QboError =>
    new QboError("2170", "Invalid Enumeration", `Invalid Enumeration : ${value}`, element),
  invalidProperty: (element: string): QboError =>
    new QboError(
      "2010",
      "Request has invalid or unsupported property",
      `Property Name:Can not instantiate supplied value for ${element}`,
      element
    ),
  missingLines: (): QboError =>
    new QboError("2250", "Missing lines", "You must enter at least one split line.", "Line"),
  missingPostingType: (): QboError =>
    new QboError(
      "2260",
      "Missing PostingType",
      "PostingType is required for JournalEntryLineDetail",
      "Line.JournalEntryLineDetail.PostingType"
    ),
  negativeAmount: (element: string): QboError =>
    new QboError(
      "2290",
      "Negative amount on transaction line",
      "Transaction line amounts must be positive. Use the PostingType to reverse the side.",
      element
    ),
  unbalanced: (): QboError =>
    new QboError(
      "2300",
      "Amount on debits not equal to credits",
      "Journal Entry must have at least one debit and one credit, and the debit and credit amounts must be equal.",
      "Line.Amount"
    ),
  stale: (): QboError =>
    new QboError(
      "5010",
      "Stale Object Error",
      "Stale Object Error : You and root were working on this at the same time. root finished before you did, so your work was not saved.",
      "SyncToken"
    ),
  business: (detail: string, element = ""): QboError =>
    new QboError(
      "6000",
      "A business validation error has occurred while processing your request",
      detail,
      element
    ),
  foreignCurrency: (code: string, home: string): QboError =>
    new QboError(
      "6000",
      "A business validation error has occurred while processing your request",
      `Business Validation Error: Multicurrency is not turned on for this company, so a transaction must be in its home currency (${home}), not ${code}.`,
      "CurrencyRef"
    ),
  amountCalc: (): QboError =>
    new QboError(
      "6070",
      "Amount calculation incorrect",
      "Amount calculation incorrect : Amount is not equal to UnitPrice * Qty. Supplied value:",
      "Line.Amount"
    ),
  duplicateDocNum: (doc: string, txnType: string): QboError =>
    new QboError(
      "6140",
      "Duplicate Document Number Error",
      `Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=${doc} is assigned to TxnType=${txnType}`,
      "DocNumber"
    ),
  periodClosed: (): QboError =>
    new QboError(
      "6210",
      "Account Period Closed",
      "The account period has closed and the account books cannot be updated through the QBO Services API. Please use the QBO website to make these changes.",
      "TxnDate"
    ),
  duplicateName: (name: string): QboError =>
    new QboError(
      "6240",
      "Duplicate Name Exists Error",
      `The name supplied already exists. : ${name}`,
      "Name"
    ),
  unsupported: (detail: string): QboError => new QboError("500", "Unsupported Operation", detail),
  queryParse: (detail: string): QboError =>
    new QboError("4000", "Error parsing query", `QueryParserError: ${detail}`),
  queryInvalid: (detail: string): QboError =>
    new QboError("4001", "Invalid query", `QueryValidationError: ${detail}`),
  batchSize: (max: number): QboError =>
    new QboError(
      "1040",
      "Batch size exceeds allowed limit",
      `Batch size exceeds allowed limit : Max allowed is ${max}`
    ),
  duplicateRequestId: (): QboError =>
    new QboError(
      "600",
      "Duplicate Request ID",
      "Duplicate Request ID : The requestid was already used with a different request."
    ),
  requestIdFormat: (detail: string, element = ""): QboError =>
    new QboError("2130", "Invalid Request Id Format", detail, element),
  system: (): QboError =>
    new QboError(
      "10000",
      "An application error has occurred while processing your request",
      "System Failure Error: An unexpected error occurred while accessing or saving your data. Please wait a few minutes and try again.",
      "",
      500,
      "SystemFault"
    ),
};

/** The 401 body, lower-case keys and epoch-millisecond time, as seen in real traffic. */
export function authFailureBody(detail: string, nowMs: number): JsonObject {
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [
        {
          message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
          detail,
          code: "3200",
          element: null,
        },
      ],
      type: "AUTHENTICATION",
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: nowMs,
    status: null,
    cdcresponse: [],
  };
}

/** 403 code 3100: a token used on a company (or environment) it was not issued for. */
export function authorizationFailureBody(): JsonObject {
  return {
    fault: {
      error: [
        {
          message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
          detail: null,
          code: "3100",
          element: null,
        },
      ],
      type: "SERVICE",
    },
  };
}

/** The XML throttle body; `time` is the sandbox clock in Pacific offset, like the JSON envelopes. */
export function throttleXml(nowMs: number, status = 429): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="' +
    pacificIso(nowMs, true) +
    '"><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=' +
    String(status) +
    "</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>"
  );
}

export function systemFaultXml(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<IntuitResponse xmlns="http://schema.intuit.com/finance/v3"><Fault type="SystemFault"><Error code="10000">' +
    "<Message>An application error has occurred while processing your request</Message>" +
    "<Detail>System Failure Error: Something went wrong</Detail></Error></Fault></IntuitResponse>"
  );
}
