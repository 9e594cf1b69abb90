/**
 * Which files the agent trusts on Windows (their ACL) and whether it runs elevated: the policy is
 * pure ({@link io.sockwarden.windows.security.AclTrust}), the reading is a JNA adapter.
 */
package io.sockwarden.windows.security;
