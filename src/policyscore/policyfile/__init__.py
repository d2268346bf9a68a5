"""policyfile"""
