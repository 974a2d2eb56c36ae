package org.maillab.mailstore;

/** Where an appended message landed: what UIDPLUS's APPENDUID reports (RFC 4315 §3). */
public record AppendResult(long uidValidity, long uid) {
}
