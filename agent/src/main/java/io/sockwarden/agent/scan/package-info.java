/** One scan: find the platform, collect facts, load rules, evaluate. */
package io.sockwarden.agent.scan;
