"""Every sentence the program itself says, in Chinese and English.

Kept in one table so both languages stay complete (a test checks that every
key has both) and so the interactive and scripted paths say the same thing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # typing only: messages must not pull the models into start-up
    import datetime as dt
    from decimal import Decimal

    from .answers import FieldError, Notice
    from .models import Lang, Question

M: dict[str, tuple[str, str]] = {
    # --- answer validation: what was expected ---
    "required": ("必须填写", "an answer is required"),
    "text": ("一段文字", "some text"),
    "date": ("日期，例如 2026-11-20 或 2026年11月20日", "a date such as 2026-11-20"),
    "date_invalid": (
        "一个真实存在的日期，例如 2026-11-20",
        "a date that exists on the calendar, such as 2026-11-20",
    ),
    "datetime": (
        "日期和时间，例如 2026-11-20 20:15 或 2026年11月20日 20点15分",
        "a date and time such as 2026-11-20 20:15",
    ),
    "future": ("不晚于今天（{today}）的日期", "a date no later than today ({today})"),
    "money": (
        "大于 0 的金额，最多两位小数，例如 200 或 99.50",
        "an amount greater than 0 with at most two decimals, e.g. 200 or 99.50",
    ),
    "money_decimals": ("最多两位小数的金额（精确到分）", "an amount with at most two decimals"),
    "money_positive": ("大于 0 的金额", "an amount greater than 0"),
    "money_too_large": (
        "不超过 12 位整数的金额（是不是多打了数字？）",
        "an amount of at most 12 digits before the decimal point (a typo?)",
    ),
    "int": ("一个整数", "a whole number"),
    "confirm": ("是 或 否（也可以输入 y / n）", "yes or no (y / n)"),
    "choice": ("以下之一：{choices}", "one of: {choices}"),
    "multichoice": (
        "以下一项或多项，用逗号分隔：{choices}",
        "one or more of, comma-separated: {choices}",
    ),
    "max_length": ("最多 {n} 个字（现在 {got} 个）", "at most {n} characters (this has {got})"),
    "pattern": ("{describe}", "{describe}"),
    "mobile_digits": (
        "11 位数字的手机号（这里是 {got} 位）",
        "a mobile number of 11 digits (this one has {got})",
    ),
    "min": ("不小于 {min}", "at least {min}"),
    "max": ("不大于 {max}", "at most {max}"),
    "unknown_field": ("没有这个问题", "no question has this id"),
    "did_you_mean": ("你是不是想写 {suggest}？", "Did you mean {suggest}?"),
    # --- how an error reads ---
    "err_line": (
        "{field}（{label}）：{given}应为{expected}",
        "{field} ({label}): {given}expected {expected}",
    ),
    "err_given": ("收到「{given}」；", "got '{given}'; "),
    "err_required": (
        "{field}（{label}）：缺少回答，这是必填项",
        "{field} ({label}): missing; an answer is required",
    ),
    "err_unknown": ("{field}：没有这个问题。{hint}", "{field}: there is no such question.{hint}"),
    # --- notices about accepted answers ---
    "notice_secret": (
        "「{label}」里好像有密码、验证码或助记词，已经替换成 ******。正规客服绝不会向你要这些。",
        "'{label}' seemed to contain a password, code or seed phrase; it was replaced by ******. "
        "Genuine support never asks for these.",
    ),
    "notice_masked": (
        "「{label}」里的卡号、身份证号或手机号只保留了后 4 位。",
        "Card, ID or phone numbers in '{label}' were masked to their last 4 digits.",
    ),
    "notice_ignored": (
        "已忽略「{label}」：根据「{question}」的回答，这个问题不适用。",
        "Ignored '{label}': it does not apply given the answer to '{question}'.",
    ),
    # --- letter and report labels ---
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "placeholder": ("[{label}]", "[{label}]"),
    "placeholder_unknown": ("待填写", "to be completed"),
    # --- dates, amounts and numbering in documents ---
    "date_fmt": ("{y}年{month}{d}日", "{d} {month} {y}"),
    "month_1": ("1月", "January"),
    "month_2": ("2月", "February"),
    "month_3": ("3月", "March"),
    "month_4": ("4月", "April"),
    "month_5": ("5月", "May"),
    "month_6": ("6月", "June"),
    "month_7": ("7月", "July"),
    "month_8": ("8月", "August"),
    "month_9": ("9月", "September"),
    "month_10": ("10月", "October"),
    "month_11": ("11月", "November"),
    "month_12": ("12月", "December"),
    "datetime_fmt": ("{date}{time}", "{date}, {time}"),
    "money_fmt": ("人民币{amount}元", "RMB {amount}"),
    "list_sep": ("、", ", "),
    "full_stop": ("。", "."),
    "list_and": ("及", " and "),
    "original_words": ("（原文）", " (original Chinese)"),
    "section_heading": ("{n}、{text}", "{n}. {text}"),
    "num_1": ("一", "1"),
    "num_2": ("二", "2"),
    "num_3": ("三", "3"),
    "num_4": ("四", "4"),
    "num_5": ("五", "5"),
    "num_6": ("六", "6"),
    "num_7": ("七", "7"),
    "num_8": ("八", "8"),
    "num_9": ("九", "9"),
    "num_10": ("十", "10"),
    # --- the letter ---
    "l_to_dept": ("致：{respondent}投诉处理部门", "To: The Complaints Department, {respondent}"),
    "l_to": ("致：{respondent}", "To: {respondent}"),
    "l_cc": ("抄送：{text}", "Copy to: {text}"),
    "l_company_brand": ("{company}（{brand}）", "{company} ({brand})"),
    "l_bank_of": (
        "{bank}（{brand}所绑定银行卡的发卡银行）",
        "{bank} (the bank that issued the card used in {brand})",
    ),
    "label_company": ("被投诉公司全称", "full registered name of the company"),
    "label_bank": ("发卡银行名称", "name of the card's issuing bank"),
    "label_address": ("你的地址", "your address"),
    "label_their_address": ("被投诉人地址", "the respondent's address"),
    "l_subject": ("事由：{subject}", "Subject: {subject}"),
    "l_salutation": ("", "Dear Sir or Madam,"),
    "l_from": ("投诉人：{name}", "Complainant: {name}"),
    "l_phone": ("联系电话：{phone}", "Telephone: {phone}"),
    "l_account": ("涉及账户：{account}", "Account concerned: {account}"),
    "l_facts": ("事实经过", "The facts"),
    "l_steps": ("已采取的沟通", "Steps already taken"),
    "l_first": (
        "这是我就此事提出的首次书面投诉。",
        "This is my first written complaint about this matter.",
    ),
    "l_tried": (
        "{date}，我通过{channel}联系了{respondent}",
        "On {date} I contacted {respondent} through {channel}",
    ),
    "l_ch_hotline": ("客服热线", "its customer service hotline"),
    "l_ch_in_app": ("App内在线客服", "its in-app support"),
    "l_ch_email": ("电子邮件", "e-mail"),
    "l_ch_web": ("网页表单", "its web form"),
    "l_ch_other": ("其他方式", "other means"),
    "l_tried_ref": ("，工单号为{ref}。", ", reference number {ref}. "),
    "l_tried_no_ref": ("，对方没有提供工单号。", ", and was given no reference number. "),
    "l_tried_reply": (
        "据我记录，对方的答复是：“{reply}”{mark}{stop}",
        'As I noted it, the answer was: "{reply}"{mark}{stop}',
    ),
    "l_tried_no_reply": (
        "截至本函发出之日，问题仍未解决。",
        "As of the date of this letter, the matter has not been resolved.",
    ),
    "l_evidence": ("随附证据", "Evidence enclosed"),
    "l_evidence_later": (
        "相关证据正在整理，将另行提交。",
        "The evidence will follow separately.",
    ),
    "l_demands": ("我的诉求", "My requests"),
    "l_basis": ("法律依据", "Legal basis"),
    "l_law": ("{cite}规定：{says}", "Under {cite}, {says}"),
    "l_deadline": ("答复期限", "Reply requested"),
    "l_reply": (
        "请于收到本函之日起{days}日内书面答复处理结果，并告知经办人和投诉编号。",
        "Please reply in writing within {days} days of receiving this letter, stating the outcome, the name of the person handling it and a reference number.",
    ),
    "l_reply_rule": (
        "依照{cite}，请于收到本投诉之日起{days}日内作出处理决定并书面告知我；情况复杂需要延长的，请告知延长的理由和期限。",
        "Under {cite}, please decide on this complaint and tell me in writing within {days} days of receiving it; if the case is complex and needs longer, please tell me why and for how long.",
    ),
    "l_next": ("后续", "Next steps"),
    "l_next_call": (
        "如逾期未答复或我对答复不满意，我将向{name}投诉（电话{number}），",
        "If I receive no reply in time, or I am not satisfied with it, I will complain to {name} (telephone {number}), ",
    ),
    "l_next_named": (
        "如逾期未答复或我对答复不满意，我将向{name}投诉，",
        "If I receive no reply in time, or I am not satisfied with it, I will complain to {name}, ",
    ),
    "l_next_generic": (
        "如逾期未答复或我对答复不满意，我将依法维护自身权益，",
        "If I receive no reply in time, or I am not satisfied with it, I will take the matter further as the law allows, ",
    ),
    "l_reserve": (
        "并保留请求消费者协会调解、申请仲裁或者提起诉讼的权利。",
        "and I reserve the right to seek mediation by a consumer association, to apply for arbitration or to bring proceedings in court.",
    ),
    "l_reserve_crypto": (
        "通过其他合法途径解决。",
        "pursue the matter by other lawful means.",
    ),
    "l_next_crypto": (
        "如逾期未答复或我对答复不满意，我将",
        "If I receive no reply in time, or I am not satisfied with it, I will ",
    ),
    "l_regards": ("此致\n敬礼！", "Yours faithfully,"),
    "l_signed": ("投诉人：{name}", "{name}"),
    # --- the police report ---
    "p_to": ("致：{office}", "To: {office}"),
    "p_from": ("报案人：{name}", "Reported by: {name}"),
    "p_facts": ("案情经过", "What happened"),
    "p_requests": ("报案请求", "What I ask the police to do"),
    "p_signed": ("报案人：{name}", "{name}"),
    # --- warnings around the letter ---
    "w_may_decline": (
        "这是加密货币钱包：监管部门可能不受理这类投诉；涉及诈骗或盗窃仍应报警（110）。",
        "This is a crypto wallet: regulators may not accept the complaint; fraud or theft still goes to the police (110).",
    ),
    "w_placeholders": (
        "信里还有待填写的地方：{items}。发送前请补上。",
        "The letter still has blanks to fill in: {items}. Complete them before sending.",
    ),
    "w_no_secrets": (
        "正规客服绝不会向你索要密码、短信验证码，也不会让你共享屏幕或转账到“安全账户”。",
        "Genuine support never asks for your password or SMS code, never asks you to share your screen, and never asks you to move money to a 'safe account'.",
    ),
    # --- screens ---
    "h_urgent": ("先做这些（最要紧）", "Do these first"),
    "h_channels": ("联系渠道（先打热线）", "Where to complain (hotline first)"),
    "h_ladder": ("对方不答复时怎么升级", "If they do not answer: the escalation ladder"),
    "h_missing": ("还缺的证据和获取方法", "Evidence still missing, and how to get it"),
    "missing_hint": ("带 * 的是必备证据。", "Items marked * are essential."),
    "h_warnings": ("请注意", "Please note"),
    "h_providers": ("支付服务商", "Providers"),
    "h_notes": ("注意事项", "Caveats"),
    "h_regulator": ("监管部门：{name}", "Regulator: {name}"),
    "h_sources": ("信息来源", "Sources"),
    "h_playbooks": ("问题类型", "Problem types"),
    "h_advice": ("投诉前先检查", "Check these before you complain"),
    "h_questions": ("问题：{title}", "Questions: {title}"),
    "col_id": ("代号", "id"),
    "col_name": ("名称", "name"),
    "col_hotline": ("热线", "hotline"),
    "col_title": ("问题", "problem"),
    "col_summary": ("说明", "description"),
    "col_type": ("类型", "type"),
    "col_question": ("提问", "question"),
    "no_hotline": ("无核实的电话", "no verified phone"),
    "required_flag": ("必填", "required"),
    "optional_flag": ("可选", "optional"),
    "kind_hotline": ("热线", "hotline"),
    "kind_in_app": ("App 内", "in app"),
    "kind_web": ("网站", "web"),
    "kind_email": ("邮件", "e-mail"),
    "kind_forum": ("社区", "forum"),
    "days": ("天", "days"),
    "working_days": ("个工作日", "working days"),
    "wait_now": ("立即，不要等", "now: do not wait"),
    "wait_forwarded": (
        "（自机构收到转办的投诉起算）",
        " (from the institution's receipt of the forwarded complaint)",
    ),
    "step_respondent": ("信中的被投诉方", "the company the letter is addressed to"),
    "step_merchant": (
        "商家和购物平台（可申请平台介入）",
        "the seller and the platform (ask the platform to step in)",
    ),
    "early_suggestion": (
        "法律没有规定直接投诉的答复期限；建议给对方时间到 {date}。",
        "no law sets a reply time for a complaint made directly to the respondent; we suggest giving it until {date}.",
    ),
    "early_rule": (
        "按规定，对方应在 {date} 前答复。",
        "by the rules, the respondent has until {date} to answer.",
    ),
    "e_urge": ("并请督促被投诉人：", "and to require the respondent to:"),
    "cl_not_competent": (
        "{name}不负责这个服务商的这类投诉；这件案件可以去：{known}。确实要写给{name}，请加 --force。",
        "{name} does not take this kind of complaint about this provider; this case can go to: {known}. To write to {name} anyway, add --force.",
    ),
    "step_bank": ("发卡银行", "your card's issuing bank"),
    "step_issuing_bank": (
        "发卡银行（{brand}所绑定的银行卡）",
        "the issuing bank of the card in {brand}",
    ),
    "bank_number_hint": ("（电话在银行卡背面）", " (its number is on the back of the card)"),
    "wait_suggestion": (
        "{days} {unit}内没有答复就升级（建议，不是法律规定）",
        "escalate after {days} {unit} without an answer (a suggestion, not a legal rule)",
    ),
    "wait_rule": ("规定期限：{days} {unit}", "time limit: {days} {unit}"),
    "wait_max": ("，最长 {days} 天", ", at most {days} days"),
    "wait_source": ("（依据：{source}）", " (source: {source})"),
    "wait_none": ("没有规定期限", "no fixed time limit"),
    "may_decline_mark": ("（可能不受理）", " (may not accept)"),
    # --- command messages ---
    "interrupted": ("已中断。", "Interrupted."),
    "catalog_errors": ("剧本或目录文件有错误：", "The playbook or directory files have errors:"),
    "nf_provider": ("服务商", "provider"),
    "nf_issue": ("问题类型", "problem"),
    "nf_authority": ("机构", "authority"),
    "nf_evidence_item": ("证据项", "evidence item"),
    "nf_evidence_file": ("证据文件", "evidence file"),
    "nf_form": ("表单", "form"),
    "not_found": (
        "未知的{kind}「{given}」。{hint}可用的有：{known}",
        "Unknown {kind} '{given}'. {hint}Known: {known}",
    ),
    "invalid_answers": ("有 {n} 个回答需要修改：", "{n} answers need fixing:"),
    "invalid_answers_hint": (
        "查看全部问题：walletcomplain playbooks show {issue}；生成答案模板：walletcomplain playbooks show {issue} --answers-template",
        "See every question: walletcomplain playbooks show {issue}; get a file to fill in: walletcomplain playbooks show {issue} --answers-template",
    ),
    "file_exists": (
        "文件已存在：{path}。要覆盖请加 --force。",
        "File exists: {path}. Add --force to overwrite it.",
    ),
    "os_error": ("无法完成：{error}", "Could not complete: {error}"),
    "os_error_path": ("无法完成：{error}（{path}）", "Could not complete: {error} ({path})"),
    "answers_unreadable": (
        "无法读取答案文件 {name}：{error}",
        "Cannot read the answers file {name}: {error}",
    ),
    "answers_encoding": (
        "答案文件 {name} 不是 UTF-8 编码（第 {pos} 个字节）。请另存为 UTF-8。",
        "The answers file {name} is not UTF-8 (byte {pos}). Save it as UTF-8.",
    ),
    "answers_syntax": (
        "答案文件 {name} 第 {line} 行格式错误：{error}",
        "The answers file {name}, line {line}: {error}",
    ),
    "answers_not_mapping": (
        "答案文件 {name} 应该是“问题id: 回答”的形式（每行一个）。",
        "The answers file {name} should map question ids to answers (key: value).",
    ),
    "bad_set": (
        "--set 需要写成 KEY=VALUE，收到「{item}」。",
        "--set takes KEY=VALUE; got '{item}'.",
    ),
    "saved_letter": ("已保存到 {path}（仅本人可读）。", "Saved to {path} (readable by you only)."),
    "validate_ok": ("通过 {path}（{what}）", "OK {path} ({what})"),
    "validate_bad": ("{path}:{n} 个问题", "{path}: {n} problems"),
    # --- the interactive assistant ---
    "i_intro_title": (
        "walletcomplain 数字钱包投诉助手",
        "walletcomplain: your digital-wallet complaint assistant",
    ),
    "i_intro": (
        "几分钟内帮你找到正确的投诉渠道、整理证据、写好投诉信，并告诉你对方不答复时下一步怎么办。",
        "In a few minutes: the right channel, the evidence to collect, a firm complaint letter, and what to do if nobody answers.",
    ),
    "i_privacy": (
        "隐私：所有内容只保存在这台电脑上。本工具绝不会向你索要密码、支付密码或短信验证码。随时按 Ctrl-C 退出，已填内容会保存为草稿。",
        "Privacy: everything stays on this computer. This tool never asks for a password, a PIN or an SMS code. Press Ctrl-C at any time; your answers so far are kept as a draft.",
    ),
    "i_pick_provider": (
        "哪个钱包或支付服务出了问题？",
        "Which wallet or payment service is it?",
    ),
    "i_pick_issue": ("遇到了什么问题？", "What went wrong?"),
    "i_still": (
        "检查过以上几点后，仍然要投诉吗？",
        "Having checked these, do you still want to complain?",
    ),
    "i_bye": (
        "好的。问题没解决的话，随时再运行 walletcomplain start。{provider}的客服：{contact}",
        "All right. If it is not solved, run walletcomplain start again. {provider} support: {contact}",
    ),
    "i_multiline_hint": (
        "可以写多行：Enter 换行；写完先按 Esc 再按 Enter（或按 Alt+Enter）提交。",
        "Several lines allowed: Enter starts a new line; to finish, press Esc then Enter (or Alt+Enter).",
    ),
    "i_optional_hint": ("可留空：直接按 Enter 跳过。", "Optional: press Enter to skip."),
    "i_select_hint": ("↑↓ 选择，Enter 确认", "Arrow keys to move, Enter to choose"),
    "i_checkbox_hint": (
        "↑↓ 移动，空格勾选，Enter 确认",
        "Arrow keys to move, space to tick, Enter to confirm",
    ),
    "i_need_one": ("请至少选择一项", "Pick at least one"),
    "i_skip": ("（跳过）", "(skip)"),
    "i_review_title": ("请核对你的回答", "Please check your answers"),
    "i_review_pick": ("都对吗？", "Is everything right?"),
    "i_review_ok": ("没问题，生成投诉信", "Yes, write the letter"),
    "i_review_edit": ("修改：{label}", "Change: {label}"),
    "i_letter_title": ("投诉信预览", "The letter"),
    "i_save_letter": ("把投诉信保存为文件吗？", "Save the letter to a file?"),
    "i_file_name": ("文件名：", "File name:"),
    "i_exists": ("{path} 已存在，怎么办？", "{path} exists. What now?"),
    "i_overwrite": ("覆盖它", "Overwrite it"),
    "i_rename": ("换个文件名（建议：{path}）", "Choose another name (suggested: {path})"),
    "i_dont_save": ("不保存", "Don't save"),
    "i_saved": ("已保存：{path}（仅本人可读）", "Saved: {path} (readable by you only)"),
    "i_save_answers": ("接下来还要做什么？", "Anything else?"),
    "i_menu_done": ("完成", "Done"),
    "i_menu_answers": (
        "保存这次的回答（以后用 walletcomplain letter --answers 文件 可以重新生成投诉信）",
        "Keep these answers (walletcomplain letter --answers FILE writes the letter again later)",
    ),
    "i_menu_attach": (
        "把截图、银行短信等证据文件附到案件上（可以把文件拖进终端）",
        "Attach evidence files to the case (screenshots, bank messages; drag them in)",
    ),
    "i_menu_call": (
        "现在给客服打电话：显示电话清单，打完记下工单号",
        "Call support now: a call sheet, then log what they said",
    ),
    "i_interrupted": (
        "已中断。已填的回答保存为草稿：{path}\n继续填写：walletcomplain start --resume",
        "Interrupted. Your answers so far are saved as a draft: {path}\nTo continue: walletcomplain start --resume",
    ),
    "i_no_tty": (
        "start 需要在终端里一问一答地使用。在脚本或管道里请改用：\n  walletcomplain letter --issue recharge --provider alipay --set 问题代号=回答 ...\n  walletcomplain letter --issue recharge --provider alipay --answers 回答.yaml\n先看有哪些问题：walletcomplain playbooks show recharge --answers-template",
        "start asks questions in a terminal. In a script or a pipe use:\n  walletcomplain letter --issue recharge --provider alipay --set KEY=VALUE ...\n  walletcomplain letter --issue recharge --provider alipay --answers answers.yaml\nSee the questions first: walletcomplain playbooks show recharge --answers-template",
    ),
    "i_no_drafts": (
        "没有可以继续的草稿。运行 walletcomplain start 开始新的投诉。",
        "There is no draft to continue. Run walletcomplain start to begin.",
    ),
    "i_pick_draft": ("继续哪一份草稿？", "Which draft do you want to continue?"),
    "i_draft_label": (
        "{saved} {provider} / {issue}（已答 {n} 题）",
        "{saved} {provider} / {issue} ({n} answered)",
    ),
    "i_draft_dropped": (
        "问题清单更新过，这些回答需要重新填写：{fields}",
        "The questions have changed; these answers must be given again: {fields}",
    ),
    "i_resuming": ("继续草稿：已答 {n} 题", "Continuing the draft: {n} answered"),
    "i_next_step": ("下一步：{text}", "Next: {text}"),
    "i_next_call": (
        "拨打 {number} 或通过 App 内客服提交投诉（可以直接读信里的内容），记下工单号；{days} 天内没有答复，就按上面的升级路线找{authority}。",
        "call {number} or use in-app support to lodge the complaint (you can read from the letter) and note the reference number; if there is no answer in {days} days, take it to {authority} as shown above.",
    ),
    "no_police_report": (
        "这个问题没有报案材料：只有钱款被骗或被盗时才需要报警。",
        "There is no police report for this case: it is only for money lost to fraud or theft.",
    ),
    "i_police_title": ("报案材料（报警时交给警方）", "Police report (take it to the police)"),
    "i_save_police": ("把报案材料保存成文件？", "Save the police report to a file?"),
    "police_file_stem": ("报案材料", "police-report"),
    "w_police_report": (
        "已为警方准备好报案材料：加 --document police 输出它，报警时带上。",
        "A police report is ready for the police: add --document police to print it, and take it with you.",
    ),
    "i_next_urgent": (
        "现在就拨打 110 报警，并打给发卡银行冻结银行卡（电话在卡背面）；然后通过官方渠道冻结账户{freeze}。报警时带上上面的报案材料。投诉信随后再提交。",
        "call the police (110) and your card's issuing bank (the number is on the back of the card) now; then freeze the account through the official channel{freeze}. Take the police report above with you. The complaint letter comes after that.",
    ),
    "i_next_freeze_call": ("（拨打 {number}）", " (call {number})"),
    "i_next_app": (
        "通过 App 内客服提交投诉（可以直接粘贴信的内容），记下工单号；{days} 天内没有答复，就按上面的升级路线走。",
        "lodge the complaint through in-app support (paste the letter) and note the reference number; if there is no answer in {days} days, follow the ladder above.",
    ),
    # --- check-number ---
    "n_official": ("在官方号码目录里", "In the directory of official numbers"),
    "n_not_found": ("不在官方号码目录里", "Not in the directory of official numbers"),
    "n_wary": ("要提防的号码", "A number to be wary of"),
    "n_number": ("号码：{number}", "Number: {number}"),
    "n_match": ("{name}的{kind}", "{name}'s {kind}"),
    "n_via_area": ("（区号 + {short} 的形式）", " (shown as area code + {short})"),
    "source_checked": ("{source}（核对于 {checked}）", "{source} (checked {checked})"),
    "n_source": ("来源：{source}（核对于 {checked}）", "Source: {source} (checked {checked})"),
    "n_unknown": (
        "walletcomplain 的官方号码目录里没有这个号码。它可能是真的，也可能是骗子的；不要相信来电显示。",
        "walletcomplain's directory of official numbers does not have this number. It may be genuine or a scammer's: do not trust what the screen shows.",
    ),
    "n_even_official": (
        "即使号码是真的，来电也可能是伪造的：挂断，然后自己拨打上面的号码。",
        "Even a real number can be spoofed on an incoming call: hang up and dial the number above yourself.",
    ),
    "h_checklist": ("骗子的常见手法（对上一条就挂断）", "Scam signs (one is enough: hang up)"),
    "h_rules": ("记住这几条", "Remember"),
    "n_invalid": (
        "无法识别「{raw}」：请输入电话号码，例如 95188、400-606-5500、+86 10 96110 或 010-96110。",
        "Cannot read '{raw}' as a phone number: try 95188, 400-606-5500, +86 10 96110 or 010-96110.",
    ),
    # --- the case log ---
    "c_due_none": ("无需跟进（案件已结束）", "nothing to follow up (the case is closed)"),
    "c_due_urgent": (
        "钱款被骗或被盗：今天就报警（110），并打给发卡银行冻结银行卡；然后通过{provider}的官方渠道冻结账户。报警用的报案材料：walletcomplain cases escalate {id} --to police。",
        "Money lost to fraud or theft: call the police (110) and your card's issuing bank today, then freeze the account through {provider}'s official channel. For the police report: walletcomplain cases escalate {id} --to police.",
    ),
    "c_due_forwarded": (
        "注意：这个期限从被投诉机构收到人民银行转办的投诉时起算，从你投诉那天算出的日期偏早，只是提醒。",
        " Note: the time runs from the institution's receipt of the complaint the PBoC forwards, so a date counted from your complaint is early: treat it as a reminder.",
    ),
    "c_due_estimate": (
        "（这一年的法定节假日安排尚未公布，工作日只跳过了周末，日期是估算。）",
        " (The holiday schedule for that year is not published yet: only weekends were skipped, so the date is an estimate.)",
    ),
    "c_due_holiday": (
        "（这一天是法定节假日：{holiday}。）",
        " (That day is a public holiday: {holiday}.)",
    ),
    "hol_new_years_day": ("元旦", "New Year's Day"),
    "hol_spring_festival": ("春节", "Spring Festival"),
    "hol_tomb_sweeping_day": ("清明节", "Qingming Festival"),
    "hol_labour_day": ("劳动节", "Labour Day"),
    "hol_dragon_boat_festival": ("端午节", "Dragon Boat Festival"),
    "hol_national_day": ("国庆节", "National Day"),
    "hol_mid_autumn_festival": ("中秋节", "Mid-Autumn Festival"),
    "hol_anti_fascist_70th_day": (
        "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
        "the 70th anniversary of the victory in the War of Resistance",
    ),
    "c_due_created": (
        "{since} 写好投诉信。提交给{provider}后，用 walletcomplain cases log 记下日期和工单号。{days} 天内没有解决，就在 {date} 升级到{next}（建议，不是法律规定）。",
        "Letter written on {since}. Once you send it to {provider}, record the date and reference with walletcomplain cases log. If it is not solved within {days} days, escalate to {next} on {date} (a suggestion, not a legal rule).",
    ),
    "c_due_provider": (
        "你在{since}联系了{provider}。法律没有规定直接投诉的答复期限；建议给对方 {days} 天，如到 {date} 仍没有答复，就升级到{next}。",
        "You contacted {provider} on {since}. No law sets a reply time for a complaint made directly to it; we suggest giving it {days} days, and escalating to {next} on {date} if there is still no answer.",
    ),
    "c_due_rule": (
        "{since} 向{name}投诉。按规定 {days} {unit}内应有答复，到 {date} 还没有就跟进：{rule}（依据：{source}）",
        "Complained to {name} on {since}. A reply is due within {days} {unit}; follow up on {date} if there is none: {rule} (source: {source})",
    ),
    "c_due_authority_suggestion": (
        "{since} 向{name}投诉。没有找到规定期限；建议 {days} 天后（{date}）跟进。",
        "Complained to {name} on {since}. No time limit was found; following up after {days} days ({date}) is a suggestion.",
    ),
    "c_due_review": (
        "{since} 收到{provider}的答复：现在就决定。满意就用 cases close 结束；不满意就用 cases escalate 升级到{next}。",
        "{provider} answered on {since}: decide now. If it settles the matter, close the case (cases close); if not, escalate to {next} (cases escalate).",
    ),
    "c_other_routes": (
        "其他途径（调解、仲裁或诉讼）",
        "other routes (mediation, arbitration or court)",
    ),
    "st_open": ("已写信", "letter written"),
    "st_waiting": ("等待答复", "waiting"),
    "st_escalated": ("已升级", "escalated"),
    "st_closed": ("已结束", "closed"),
    "oc_resolved": ("已解决", "resolved"),
    "oc_partly": ("部分解决", "partly resolved"),
    "oc_rejected": ("被拒绝", "rejected"),
    "oc_abandoned": ("已放弃", "abandoned"),
    "ev_created": ("写好投诉信", "letter written"),
    "ev_contact": ("联系", "contact"),
    "ev_reply": ("收到答复", "reply received"),
    "ev_escalated": ("升级投诉", "escalated"),
    "ev_closed": ("结束", "closed"),
    "ev_note": ("备注", "note"),
    "ev_ref": ("，工单号 {ref}", ", reference {ref}"),
    "ev_note_text": ("，备注：{note}", "; note: {note}"),
    "ev_reply_text": ("，对方答复：{reply}", "; their answer: {reply}"),
    "ch_hotline": ("客服热线", "hotline"),
    "ch_in_app": ("App 内客服", "in-app support"),
    "ch_email": ("电子邮件", "e-mail"),
    "ch_web": ("网页", "web"),
    "ch_authority": ("监管部门", "authority"),
    "e_to": ("致：{name}{office}", "To: {name}, {office}"),
    "e_subject": (
        "关于{respondent}的投诉（{title}）",
        "Complaint against {respondent}: {title}",
    ),
    "e_address": ("地址：{address}", "Address: {address}"),
    "e_respondent": ("被投诉人", "The respondent"),
    "e_respondent_name": ("名称：{respondent}", "Name: {respondent}"),
    "e_respondent_address": ("地址：{address}", "Address: {address}"),
    "e_history": ("投诉经过", "My complaint so far"),
    "e_history_item": ("{date}：{text}", "{date}: {text}"),
    "e_history_none": (
        "我已向被投诉人提交书面投诉，见随附原投诉信。",
        "I sent the respondent a written complaint; it is enclosed.",
    ),
    "e_reply": ("被投诉人的答复", "The respondent's answer"),
    "e_answer": (
        "据我记录，被投诉人最近一次的答复是：“{reply}”{mark}{stop}问题至今没有得到解决。",
        'As I noted it, the respondent\'s latest answer was: "{reply}"{mark}{stop} The matter has not been resolved.',
    ),
    "e_silence": ("{respondent}至今没有作出答复。", "{respondent} has not answered."),
    "e_requests": ("请求事项", "What I ask you to do"),
    "e_ask_under": ("请依据{cite}，{ask}", "I ask you, under {cite}, to {ask}"),
    "e_ask": ("请{ask}", "I ask you to {ask}"),
    "e_original_letter": (
        "我给被投诉人的原投诉信",
        "my original complaint letter to the respondent",
    ),
    # the history, as the escalation letter tells it
    "h_interview_contact": (
        "我通过{channel}联系{respondent}{ref}{reply}",
        "I contacted {respondent} through {channel}{ref}{reply}",
    ),
    "h_letter_written": (
        "我就此事向{respondent}写成书面投诉（原投诉信附后）",
        "I put my complaint to {respondent} in writing (the letter is enclosed)",
    ),
    "h_contact": (
        "我通过{channel}联系{respondent}{ref}{reply}",
        "I contacted {respondent} through {channel}{ref}{reply}",
    ),
    "h_reply": ("{respondent}答复{reply}", "{respondent} answered{reply}"),
    "h_escalated": ("我向{name}投诉{ref}", "I complained to {name}{ref}"),
    "h_ref": ("（工单号{ref}）", " (reference {ref})"),
    "h_said": ("，对方答复：“{reply}”{mark}", '; the answer was: "{reply}"{mark}'),
    "h_said_short": ("：“{reply}”{mark}", ': "{reply}"{mark}'),
    "x_title": ("投诉案件 #{id}", "Complaint case #{id}"),
    "x_provider": ("被投诉方", "Provider"),
    "x_issue": ("问题", "Problem"),
    "x_status": ("状态", "Status"),
    "x_created": ("建立日期", "Opened"),
    "x_next": ("下一步", "Next"),
    "x_timeline_line": ("{date}：{text}", "{date}: {text}"),
    "x_timeline": ("时间线", "Timeline"),
    "x_answers": ("回答", "Answers"),
    "x_letter": ("投诉信", "The letter"),
    "r_summary": ("跟进投诉 #{id}（{provider}）", "Follow up complaint #{id} ({provider})"),
    "r_hint": ("查看：walletcomplain cases show {id}", "See: walletcomplain cases show {id}"),
    "cl_saved": (
        "已记录为投诉案件 #{id}。提交后用 walletcomplain cases log {id} --channel hotline --ref 工单号 记下联系。",
        "Recorded as case #{id}. After you send it: walletcomplain cases log {id} --channel hotline --ref REFERENCE",
    ),
    "cl_off": (
        "已关闭记录（WALLETCOMPLAIN_NO_SAVE），没有保存案件。",
        "Recording is off (WALLETCOMPLAIN_NO_SAVE): no case was saved.",
    ),
    "cl_not_found": (
        "没有编号为 {id} 的案件。用 walletcomplain cases list 查看全部。",
        "There is no case #{id}. See walletcomplain cases list.",
    ),
    "cl_none": ("还没有记录任何案件。", "No cases recorded yet."),
    "cl_none_status": ("没有状态为「{status}」的案件。", "No case has the status '{status}'."),
    "cl_more": (
        "（只显示最近的 {shown} 件，共 {total} 件；加 --all 显示全部）",
        "(showing the latest {shown} of {total}; add --all for every one)",
    ),
    "cl_nothing_due": ("今天没有需要跟进的案件。", "Nothing needs following up today."),
    "h_due": ("今天需要跟进", "To follow up today"),
    "h_timeline": ("时间线", "Timeline"),
    "h_next": ("下一步", "Next"),
    "col_status": ("状态", "status"),
    "col_created": ("建立", "opened"),
    "col_due": ("跟进日", "follow up"),
    "col_case": ("服务商 · 问题", "provider · problem"),
    "cl_logged": ("已记录。下次跟进日：{date}。{why}", "Logged. Next follow-up: {date}. {why}"),
    "cl_reopened": (
        "案件 #{id} 原已结束；记下这次联系后，它重新打开了。",
        "Case #{id} was closed; with this contact logged, it is open again.",
    ),
    "cl_escalated": (
        "已记录升级到{name}。下次跟进日：{date}。{why}",
        "Escalation to {name} recorded. Next follow-up: {date}. {why}",
    ),
    "cl_no_document": (
        "walletcomplain 不为{name}写文书：这一步需要律师的意见（起诉状或仲裁申请书）。",
        "walletcomplain writes no document for {name}: this step needs a lawyer (a statement of claim or an arbitration request).",
    ),
    "cl_early_script": (
        "现在升级还太早：{why}确实要现在升级，请加 --force；只想看信的内容，请加 --dry-run。",
        "It is early to escalate: {why} To escalate now anyway, add --force; to see the letter only, add --dry-run.",
    ),
    "cl_early_ask": (
        "{why}仍然现在升级吗？",
        "{why} Escalate now anyway?",
    ),
    "cl_not_escalated": ("没有升级，也没有记录任何内容。", "Not escalated; nothing was recorded."),
    "cl_dry_run": (
        "这只是预览（--dry-run）：没有记录任何内容。",
        "This is a preview (--dry-run): nothing was recorded.",
    ),
    "cl_closed": ("案件 #{id} 已结束：{outcome}。", "Case #{id} closed: {outcome}."),
    "cl_confirm_delete": (
        "删除案件 #{id} 及其全部记录？",
        "Delete case #{id} and its whole history?",
    ),
    "cl_confirm_purge": (
        "删除全部 {n} 件案件和草稿？此操作无法撤销。",
        "Delete all {n} cases and the drafts? This cannot be undone.",
    ),
    "cl_need_yes": (
        "没有终端可以确认：加 --yes 确认删除。",
        "No terminal to confirm on: add --yes to delete.",
    ),
    "cl_deleted": ("已删除案件 #{id}。", "Deleted case #{id}."),
    "cl_purged": ("已删除 {n} 件案件和全部草稿。", "Deleted {n} cases and every draft."),
    "cl_kept": ("没有删除任何内容。", "Nothing was deleted."),
    "cl_remind_saved": (
        "已写入日历文件 {path}，{date} 提醒跟进。",
        "Calendar file written to {path}: a reminder on {date}.",
    ),
    "cl_remind_closed": (
        "案件已结束，没有需要提醒的日期。",
        "The case is closed: there is no date to remind you of.",
    ),
    "cl_bad_date": (
        "--date：收到「{given}」；应为日期，例如 2026-11-20 或 2026年11月20日，且不晚于今天",
        "--date: got '{given}'; expected a date such as 2026-11-20, no later than today",
    ),
    "cl_no_next": (
        "这件案件没有下一个可以升级的部门；可用 --to 指定：{known}",
        "No further authority on this case's ladder; name one with --to: {known}",
    ),
    "i_record_case": (
        "记录为投诉案件，方便跟进（只存在这台电脑上）？",
        "Record this as a case to follow up (kept on this computer only)?",
    ),
    "i_interrupted_nothing": (
        "已中断。（没有保存草稿：记录已关闭，或还没有回答任何问题。）",
        "Interrupted. (No draft was kept: recording is off, or nothing was answered yet.)",
    ),
    "store_error": ("案件记录无法使用：{error}", "The case log cannot be used: {error}"),
    "cl_more_due": (
        "（只显示最逾期的 {shown} 件，共 {total} 件；加 --all 显示全部）",
        "(showing the {shown} most overdue of {total}; add --all for every one)",
    ),
    # --- hardening (issue 9) ---
    "lim_size": (
        "{name}：文件超过 {limit} 的上限，未读取。",
        "{name}: the file is over the {limit} limit; it was not read.",
    ),
    "lim_not_file": (
        "{name}：不是普通文件（设备、管道、套接字或文件夹），未读取。",
        "{name}: not a regular file (a device, FIFO, socket or folder); it was not read.",
    ),
    "lim_symlink": (
        "{name}：是指向本文件夹以外的符号链接，未跟随。",
        "{name}: a symbolic link to outside its folder; it was not followed.",
    ),
    "lim_alias": (
        "{name}：不支持 YAML 锚点和别名（& 和 *）；请把内容直接写出来。",
        "{name}: YAML anchors and aliases (& and *) are not accepted; write the values out.",
    ),
    "lim_depth": (
        "{name}：嵌套超过 {limit} 层的上限。",
        "{name}: nested deeper than the limit of {limit} levels.",
    ),
    "lim_items": (
        "{name}：一个列表或映射超过 {limit} 项的上限。",
        "{name}: a list or mapping has more than the limit of {limit} entries.",
    ),
    "lim_string": (
        "{name}：一个值超过 {limit} 个字符的上限。",
        "{name}: a value is longer than the limit of {limit} characters.",
    ),
    "pat_nested_repeat": (
        "重复里又套了可变次数的重复（如 (a+)+），匹配可能耗时极长；请改写",
        "a repeat inside a repeat (such as (a+)+) can take forever to match; rewrite it",
    ),
    "pat_branch_in_repeat": (
        "重复里有多选分支（如 (a|ab)*），匹配可能耗时极长；请改用字符集 [...] 或改写",
        "alternatives inside a repeat (such as (a|ab)*) can take forever to match;"
        " use a set [...] or rewrite it",
    ),
    "pat_backreference": (
        "不支持反向引用（\\1）",
        "back-references (\\1) are not accepted",
    ),
    "pat_many_repeats": (
        "超过两个不限次数的重复（* + {n,}），匹配可能耗时极长；请给出上限，如 {1,64}",
        "more than two unbounded repeats (* + {n,}) can take very long to match;"
        " give an upper bound such as {1,64}",
    ),
    "answers_unparsable": (
        "答案文件 {name} 无法解析（{error}）；应为 YAML 或 JSON 映射，例如 amount: 200",
        "The answers file {name} could not be parsed ({error}); expected a YAML or JSON"
        " mapping such as amount: 200",
    ),
    "not_regular": (
        "{path} 不是普通文件（设备、管道、套接字或文件夹），即使加了 --force 也不会覆盖它；请换一个文件名。",
        "{path} is not a regular file (a device, FIFO, socket or folder); it is never replaced,"
        " even with --force. Choose another file name.",
    ),
    "missing_folder": (
        "文件夹 {path} 不存在；请先创建它（mkdir -p），或换一个位置。",
        "The folder {path} does not exist; create it first (mkdir -p) or choose another place.",
    ),
    "argv_encoding": (
        "{option}：不是有效的 UTF-8 文字（{shown}）；请检查终端的编码设置。",
        "{option}: not valid UTF-8 text ({shown}); check your terminal's encoding.",
    ),
    "today_range": (
        "WALLETCOMPLAIN_TODAY：收到「{given}」；应为 1990-01-01 至 2999-12-31 之间的日期",
        "WALLETCOMPLAIN_TODAY: got '{given}'; expected a date between 1990-01-01 and 2999-12-31",
    ),
    "st_cannot_open": (
        "{path}：无法打开案件记录（{error}）。",
        "{path}: cannot open the case log ({error}).",
    ),
    "st_orphan": (
        "{path}：另一个数据库留下的文件，旁边没有案件记录。文件未被改动；请把它移走，然后重新运行命令。",
        "{path}: a leftover file of another database, with no case log beside it. It was left untouched. Move it away, then run the command again.",
    ),
    "st_dangling": (
        "{path}：是指向 {target} 的符号链接，而目标不存在。没有在那里创建任何文件；请删除这个链接（或让它指向你的案件记录）。",
        "{path}: a symbolic link to {target}, which does not exist. Nothing was created there. Remove the link (or point it at your case log).",
    ),
    "st_not_regular": (
        "{path}：不是普通文件，因此不是 walletcomplain 的案件记录。文件未被改动。把它移走（或把 WALLETCOMPLAIN_HOME 设为另一个文件夹），walletcomplain 就会在 {path} 新建案件记录。",
        "{path}: not a regular file, so not a walletcomplain case log. It was left untouched. Move it away (or set WALLETCOMPLAIN_HOME to another folder) and walletcomplain starts a new case log at {path}.",
    ),
    "st_empty": (
        "{path}：是空文件，不是 walletcomplain 的案件记录。文件未被改动。把它移走（或把 WALLETCOMPLAIN_HOME 设为另一个文件夹），walletcomplain 就会在 {path} 新建案件记录。",
        "{path}: an empty file, not a walletcomplain case log. It was left untouched. Move it away (or set WALLETCOMPLAIN_HOME to another folder) and walletcomplain starts a new case log at {path}.",
    ),
    "st_not_sqlite": (
        "{path}：不是 walletcomplain 的案件记录（不是 SQLite 数据库），或已损坏。文件未被改动。把它移走（或把 WALLETCOMPLAIN_HOME 设为另一个文件夹），walletcomplain 就会在 {path} 新建案件记录。",
        "{path}: not a walletcomplain case log (not an SQLite database), or damaged. It was left untouched. Move it away (or set WALLETCOMPLAIN_HOME to another folder) and walletcomplain starts a new case log at {path}.",
    ),
    "st_foreign": (
        "{path}：是其他程序的 SQLite 数据库，不是 walletcomplain 的案件记录。文件未被改动。把它移走（或把 WALLETCOMPLAIN_HOME 设为另一个文件夹），walletcomplain 就会在 {path} 新建案件记录。",
        "{path}: another program's SQLite database, not a walletcomplain case log. It was left untouched. Move it away (or set WALLETCOMPLAIN_HOME to another folder) and walletcomplain starts a new case log at {path}.",
    ),
    "st_foreign_wal": (
        "{path}：案件记录旁边有另一个数据库留下的预写日志（-wal）；打开案件记录会把它写进你的案件。没有改动任何文件。请把 {name} 移走（案件记录本身没有问题），然后重新运行命令。",
        "{path}: a leftover write-ahead log of another database beside the case log; opening the log would replay it into your cases. Nothing was changed. Move {name} away (the case log itself is fine), then run the command again.",
    ),
    "st_full": (
        "{path}：磁盘已满。这次没有记录任何内容，案件记录里已有的内容也没有丢失；请腾出空间后重新运行命令。",
        "{path}: the disk is full. Nothing was recorded and nothing already in the case log was lost; free some space and run the command again.",
    ),
    "st_busy": (
        "{path}：案件记录正被另一个程序使用；请稍后再试。",
        "{path}: the case log is busy in another program; try again in a moment.",
    ),
    "st_readonly": (
        "{path}：案件记录无法写入（只读）；请检查文件权限。",
        "{path}: the case log cannot be written to (read-only); check its permissions.",
    ),
    "st_write_failed": (
        "{path}：案件记录写入失败（{error}）；这次没有记录任何内容。",
        "{path}: the case log could not be written ({error}); nothing was recorded.",
    ),
    "st_damaged": (
        "{path}：不是 walletcomplain 的案件记录，或已损坏（{error}）。文件未被改动。把它移走（或把 WALLETCOMPLAIN_HOME 设为另一个文件夹），walletcomplain 就会在 {path} 新建案件记录。",
        "{path}: not a walletcomplain case log, or damaged ({error}). It was left untouched. Move it away (or set WALLETCOMPLAIN_HOME to another folder) and walletcomplain starts a new case log at {path}.",
    ),
    "st_case_damaged": (
        "案件 {id}：保存的数据已损坏（{error}），无法显示。`walletcomplain cases delete {id}` 可以删除它。",
        "case {id}: its stored data is damaged ({error}) and cannot be shown. `walletcomplain cases delete {id}` removes it.",
    ),
    "nul_in_path": (
        "文件名里不能有 NUL 字符（\\x00）。",
        "A file name cannot contain a NUL character (\\x00).",
    ),
    "pattern_too_long": (
        "不超过 {n} 个字符（实际 {got} 个）",
        "at most {n} characters (got {got})",
    ),
    # --- interview (issue 10) ---
    "i_select_search_hint": (
        "↑↓ 选择，也可以输入文字筛选（中英文都行），Enter 确认",
        "Arrow keys to move, or type to filter (Chinese or English), Enter to choose",
    ),
    "i_optional_multiline_hint": (
        "可留空：什么都不写，直接按 Esc 再按 Enter 跳过。",
        "Optional: to skip, press Esc then Enter without writing anything.",
    ),
    "i_back_hint": (
        "答错了？按 Ctrl-B（或输入 < 再按 Enter）回到上一题，答案会保留；按 Ctrl-C 保存并退出。",
        "Answered wrong? Ctrl-B (or < then Enter) goes back one question, your answer kept; Ctrl-C saves and quits.",
    ),
    "i_count": ("[{n}/{total}]", "[{n}/{total}]"),
    "i_count_about": ("[{n}/约{total}]", "[{n}/about {total}]"),
    "i_description": ("说明：{text}", "About: {text}"),
    "i_picked": ("已选：{items}", "picked: {items}"),
    "i_picked_none": ("（一项也没选）", "(none picked)"),
    "i_no_match": (
        "没有找到与「{typed}」相符的选项。请重新输入（中文或英文名称都行），或用 ↑↓ 选择。",
        "Nothing matches '{typed}'. Type again (the Chinese or English name), or use the arrow keys.",
    ),
    "i_no_match_yet": (
        "没有与「{typed}」相符的选项：按退格键修改，或按 Enter 看最接近的选项。",
        "Nothing matches '{typed}': press Backspace to change it, or Enter for the closest.",
    ),
    "i_no_match_close": (
        "没有找到「{typed}」。最接近的是：{close}。光标已移到第一个，按 Enter 选它，或重新输入。",
        "Nothing matches '{typed}'. Closest: {close}. The first is now highlighted: press Enter to choose it, or type again.",
    ),
    "h_urgent_now": ("马上做，再继续回答", "Do this now, then go on"),
    "i_urgent_freeze": (
        "冻结{provider}账户，打官方电话 {number}。",
        "To freeze your {provider} account, call the official number {number}.",
    ),
    "i_urgent_freeze_app": (
        "冻结{provider}账户，在官方 App 里操作：{path}。",
        "To freeze your {provider} account, use the official app: {path}.",
    ),
    "i_recap_title": ("继续上次的投诉草稿", "Continuing your draft"),
    "i_recap_provider": ("服务商", "Provider"),
    "i_recap_issue": ("问题", "Problem"),
    "i_recap_started": ("开始于", "Started"),
    "i_recap_answers": ("已答 {n} 题", "{n} answered"),
    "err_inline": (
        "「{label}」：你输入的是「{given}」，应为{expected}",
        "{label}: you typed '{given}'; expected {expected}",
    ),
    "err_inline_required": ("「{label}」必须填写。", "{label}: an answer is required."),
    "err_example": ("，例如 {example}", ", e.g. {example}"),
    "i_review_change": ("修改某个回答", "Change an answer"),
    "i_provider_unfit": (
        "「{issue}」不适用于这个草稿里的服务商，请重新选择服务商。",
        "'{issue}' does not apply to this draft's provider: choose the provider again.",
    ),
    "i_review_provider": ("换服务商（现在：{name}）", "Change the provider (now: {name})"),
    "i_review_issue": ("换问题类型（现在：{name}）", "Change the problem (now: {name})"),
    "i_review_which": ("改哪一项？", "Change which?"),
    "i_review_cancel": ("不改了，返回", "Nothing, go back"),
    "i_kept_answers": (
        "已保留仍然适用的 {n} 个回答；其余的问题接着问。",
        "Kept the {n} answers that still apply; the other questions follow.",
    ),
    "i_terminated": (
        "已停止。已填的回答都已保存为草稿：{path}\n继续填写：walletcomplain start --resume",
        "Stopped. Your answers so far are saved as a draft: {path}\nTo continue: walletcomplain start --resume",
    ),
    "cl_remind_default": (
        "未指定 -o，已写入当前目录：{path}",
        "No -o given; written in the current directory: {path}",
    ),
    "u_usage": ("用法：{usage}", "Usage: {usage}"),
    "u_try": ("查看帮助：{command} -h", "Try '{command} -h' for help."),
    "u_error": ("错误：{message}", "Error: {message}"),
    "u_no_such_option": ("没有 {name} 这个选项。", "No such option: {name}."),
    "u_did_you_mean": ("你是不是想写 {names}？", "Did you mean {names}?"),
    "u_missing": ("缺少 {param}。", "Missing {param}."),
    "u_bad_choice": (
        "{param} 的值「{value}」无效，可选：{choices}。",
        "Invalid value for {param}: '{value}' is not one of {choices}.",
    ),
    "u_bad_value": ("{param} 的值无效：{detail}", "Invalid value for {param}: {detail}"),
    "u_needs_value": ("{name} 需要一个值。", "Option {name} requires a value."),
    "u_extra": ("多余的参数：{args}", "Got unexpected extra argument(s): {args}"),
    "u_no_command": ("没有「{name}」这个命令。", "No such command '{name}'."),
    # --- problems (issue 12) ---
    "group_money_not_arriving": ("钱没到账", "Money not arriving"),
    "group_money_taken": ("钱被扣走", "Money taken"),
    "group_account": ("账户问题", "Account problems"),
    "group_scams": ("诈骗", "Scams"),
    "group_disputes_fees": ("纠纷和费用", "Disputes and fees"),
    "group_none": ("以上都不是", "Something else"),
    "col_synonyms": ("也可以输入", "also known as"),
    "h_group": ("分类：{title}", "Group: {title}"),
    "not_applicable": (
        "「{issue}」不适用于{provider}：{reason}可以用的{provider}问题类型：{known}",
        "'{issue}' does not apply to {provider}: {reason}Problem types for {provider}: {known}",
    ),
    "c_due_respondent_rule": (
        "{since} 起向{provider}投诉。按{source}，对方应在 {days} {unit}内作出处理决定；到 {date} 还没有答复，就升级到{next}。",
        "Complained to {provider} from {since}. Under {source} a decision is due within {days} {unit}; with no answer by {date}, escalate to {next}.",
    ),
    "not_applicable_reason": (
        "这类问题的投诉对象和依据与{provider}无关，写出来的信没有意义。",
        "the respondent and the rules for this problem have nothing to do with {provider}, "
        "so the letter would make no sense. ",
    ),
    # --- submission (issue 13) ---
    "i_attach_paths": (
        "文件路径（可以把文件拖进终端，多个用空格分开；直接回车结束）：",
        "File paths (drag the files into the terminal, several separated by spaces; Enter alone to stop):",
    ),
    "i_attach_item": ("这些文件是哪一项证据？", "Which evidence item are these files?"),
    "i_attach_other": ("其他材料", "other material"),
    "i_attached": ("已附上：{files}", "Attached: {files}"),
    "i_call_logged": ("这通电话已记录到案件里。", "The call is logged on the case."),
    # the call sheet
    "cs_title": ("电话清单 · 案件 #{id} · {provider}", "Call sheet · case #{id} · {provider}"),
    "cs_dial": ("拨打 {number}（{hours}）", "Dial {number} ({hours})"),
    "cs_hours_unknown": (
        "服务时间目录里没有记载，接通后可以问",
        "hours not in our directory; ask when you get through",
    ),
    "cs_no_number": (
        "没有核实过的电话号码，请用：{where}",
        "No verified phone number; use instead: {where}",
    ),
    "cs_more_caveats": (
        "更多注意事项：walletcomplain providers show {id}",
        "More caveats: walletcomplain providers show {id}",
    ),
    "cs_urgent": (
        "钱已经被骗或被盗：先打 110 报警，再打发卡银行冻结银行卡，然后才是这通电话。",
        "Money lost to fraud or theft: call 110 and your bank first, then this number.",
    ),
    "cs_respondent_first": (
        "这件事的被投诉方是{respondent}：先通过平台的客服找他们；这个号码只管付款本身。",
        "This complaint is against {respondent}: reach them through the platform's support first; this number is for the payment itself.",
    ),
    "cs_bank_first": (
        "银行卡的问题先打发卡银行：号码印在卡背面。下面这个号码不是投诉专线。",
        "A card problem goes to the card's issuing bank first: its number is on the back of the card. The number below is not a complaints line.",
    ),
    "cs_have": ("备好：", "Have at hand: "),
    "cs_say": ("要说的话（约 30 秒）：", "What to say (about 30 seconds):"),
    "cs_demand": ("诉求：", "Ask for: "),
    "cs_ask": ("挂电话前要问：", "Before you hang up, ask:"),
    "cs_ask_ref": ("工单号或投诉编号是多少？", "What is the reference or ticket number?"),
    "cs_ask_date": ("哪一天之前给我答复？", "By what date will you answer me?"),
    "cs_ask_supervisor": (
        "你处理不了的话，请帮我转投诉部门或主管。",
        "If you cannot solve it, please transfer me to complaints or a supervisor.",
    ),
    "cs_never": (
        "密码、支付密码和短信验证码一律不说：真正的客服不会要。",
        "Never give a password, PIN or SMS code: real support never asks for one.",
    ),
    "cs_not_given": ("（未填写）", "(not given)"),
    "cs_last_ref": ("上次的工单号", "last reference"),
    "cs_say_subject": (
        "你好，我要投诉：{subject}。",
        "Hello, I am calling to complain: {subject}.",
    ),
    "cs_wait": (
        "打完电话后按回车记录这通电话（Ctrl-C 不记录）",
        "Press Enter when the call is over to log it (Ctrl-C: log nothing)",
    ),
    "cs_q_ref": ("工单号（没有就直接回车）：", "Reference number (Enter if none):"),
    "cs_q_said": ("对方怎么说的（可留空）：", "What did they say (optional):"),
    "cs_q_promised": (
        "对方答应哪天前答复（例如 2026-11-28，可留空）：",
        "Date they promised an answer by (e.g. 2026-11-28; optional):",
    ),
    "cs_bad_promise": (
        "「{given}」不是日期；应为例如 2026-11-28 或 2026年11月28日",
        "'{given}' is not a date; expected e.g. 2026-11-28",
    ),
    "cs_promise_past": (
        "「{given}」早于这通电话；答应的答复日期应不早于今天",
        "'{given}' is before the call; a promised date is today or later",
    ),
    "cs_log_empty": ("什么都没填。仍然记录这通电话吗？", "Nothing entered. Log the call anyway?"),
    "cs_not_logged": ("这通电话没有记录。", "The call was not logged."),
    "c_due_promised": (
        "{since} 打电话时对方答应在 {date} 前答复。到时没有答复，就升级到{next}。",
        "On the call of {since} they promised an answer by {date}. With no answer by then, escalate to {next}.",
    ),
    # form fields
    "fm_title_wallet": ("App 内投诉（简短版）", "The in-app complaint (short version)"),
    "fm_respondent": ("被投诉方", "Respondent"),
    "fm_service": ("商品或服务", "Goods or service"),
    "fm_time": ("消费时间", "Time of purchase"),
    "fm_order": ("订单号", "Order number"),
    "fm_facts": ("投诉事实", "Facts"),
    "fm_demand": ("投诉诉求", "Demand"),
    "fm_message": ("投诉内容", "Message"),
    "fm_line": ("第 {n} 句", "Line {n}"),
    "fm_count": ("{n} 字", "{n} characters"),
    "fm_count_limit": ("{n}/{limit} 字", "{n}/{limit} characters"),
    "fm_attach": ("要上传或附上的证据", "Evidence to upload or attach"),
    "fm_not_given": ("（未填写）", "(not given)"),
    "fm_item_files": ("{item}：{files}", "{item}: {files}"),
    "fm_item_held": (
        "{item}（你说已经有，还没有附上文件）",
        "{item} (you have it; no file attached yet)",
    ),
    "fm_other_files": ("其他文件：{files}", "other files: {files}"),
    "fm_limits_unverified": (
        "各栏的字数上限没有核实：字数供你对照表单上的提示。",
        "The form's character limits were not verified: the counts are there to check against what the form says.",
    ),
    "fm_wallet_limit": (
        "控制在 {n} 字以内是我们的建议，App 本身的字数上限没有核实。",
        "Keeping it within {n} characters is our suggestion; the app's own limit was not verified.",
    ),
    "fm_wallet_where": ("在 App 里：{path}", "In the app: {path}"),
    "fm_hours": ("接听时间：{hours}", "Hours: {hours}"),
    "fm_not_on_ladder": (
        "这类问题的升级路线里没有{name}；通常应找{other}。",
        "{name} is not on this problem's escalation ladder; it usually goes to {other}.",
    ),
    "fm_not_after": (
        "这个案件已经向其他监管部门升级过；{name}不受理已由其他部门处理过的同一纠纷。",
        "This case was already escalated to another regulator; {name} does not take a dispute another body has handled.",
    ),
    "fm_placeholders": (
        "还缺：{items}，提交前请补上。",
        "Still missing: {items}. Fill them in before you submit.",
    ),
    "fm_short_subject": ("{subject}。", "{subject}."),
    "fm_short_demand": ("我的诉求：{demands}。", "I ask you to: {demands}."),
    "fm_short_ref": ("之前的工单号：{ref}。", "Earlier reference: {ref}."),
    "fm_script_open": ("被投诉的是{respondent}。", "The company concerned is {respondent}."),
    "fm_script_history": ("{date}，{text}", "On {date}: {text}"),
    "fm_script_silence": (
        "到现在没有解决，也没有书面答复。",
        "It is still not solved and I have no written answer.",
    ),
    "fm_script_ask": ("请你们{ask}", "Please {ask}"),
    "fm_script_demands": ("我的诉求是：{demands}。", "What I ask for: {demands}."),
    "fm_script_ref": (
        "请告诉我这次投诉的编号，以及大概什么时候会有结果。",
        "Please give me a reference for this complaint and tell me when to expect an answer.",
    ),
    # evidence
    "ev_missing": ("{path}：文件不存在", "{path}: no such file"),
    "ev_unreadable": ("{path}：无法读取（{detail}）", "{path}: cannot be read ({detail})"),
    "ev_directory": (
        "{path}：是文件夹；请指定其中的文件",
        "{path}: is a directory; give the files in it",
    ),
    "ev_special": (
        "{path}：不是普通文件（设备、管道或套接字），不能附上",
        "{path}: not a regular file (a device, pipe or socket); it cannot be attached",
    ),
    "ev_too_large": (
        "{path}：{detail} 字节，超过每个文件 20 MiB 的上限；请压缩或截取需要的部分",
        "{path}: {detail} bytes, over the 20 MiB limit per file; compress it or keep the part that matters",
    ),
    "ev_empty": ("{path}：是空文件", "{path}: the file is empty"),
    "ev_too_many": (
        "一次最多附 50 个文件（这次 {path} 个）",
        "At most 50 files at a time (this was {path})",
    ),
    "ev_vanished": (
        "{path}：复制时文件不见了。什么都没有附上，之前附上的文件都还在。",
        "{path}: the file disappeared while it was being copied. Nothing was attached; files attached before are kept.",
    ),
    "ev_disk_full": (
        "复制 {path} 时磁盘已满（{detail}）。什么都没有附上，之前附上的文件都还在；腾出空间后再试。",
        "The disk is full while copying {path} ({detail}). Nothing was attached; files attached before are kept. Free some space and try again.",
    ),
    "ev_copy": (
        "复制 {path} 失败（{detail}）。什么都没有附上，之前附上的文件都还在。",
        "Copying {path} failed ({detail}). Nothing was attached; files attached before are kept.",
    ),
    "ev_pick": ("这些文件证明的是哪一项？", "Which item do these files prove?"),
    "ev_pick_prompt": ("输入编号（0–{n}）：", "Enter a number (0–{n}):"),
    "ev_pick_again": ("请输入 0 到 {n} 之间的编号。", "Please enter a number from 0 to {n}."),
    "ev_not_attached": ("没有附上任何文件。", "Nothing was attached."),
    "ev_attached": (
        "已附上 {name}（{size}，SHA-256 {sha}…）→ {item}",
        "Attached {name} ({size}, SHA-256 {sha}…) → {item}",
    ),
    "ev_attached_total": (
        "案件 #{id} 附上了 {n} 个文件。查看：walletcomplain cases evidence {id}",
        "{n} files attached to case #{id}. See: walletcomplain cases evidence {id}",
    ),
    "ev_none": (
        "案件 #{id} 还没有附上文件。附上：walletcomplain cases attach {id} 文件…",
        "No files attached to case #{id} yet. Attach: walletcomplain cases attach {id} FILE...",
    ),
    "ev_title": ("案件 #{id} 的证据文件", "Evidence files of case #{id}"),
    "ev_state_missing": (
        "文件不见了：请重新附上，再用 cases detach 去掉这一条",
        "the file is missing: attach it again, then remove this entry with cases detach",
    ),
    "ev_state_changed": (
        "文件内容和附上时不一致（SHA-256 不同）：请重新附上原件，再用 cases detach 去掉这一条",
        "the file changed since it was attached (SHA-256 differs): attach the original again, then remove this entry with cases detach",
    ),
    "ev_confirm_detach": (
        "从案件 #{id} 中去掉证据文件 #{n}（副本会删除）？",
        "Remove evidence file #{n} from case #{id} (its copy is deleted)?",
    ),
    "ev_detached": (
        "已从案件 #{id} 去掉 #{n} {name}。",
        "Removed #{n} {name} from case #{id}.",
    ),
    "ev_still_missing": (
        "清单上还没有的证据：{items}",
        "Checklist items with nothing yet: {items}",
    ),
    "ev_bad": (
        "{n} 个文件不见了或被改动过（见上面的 ! 标记）；导出前请重新附上。",
        "{n} files missing or changed (marked ! above); attach them again before exporting.",
    ),
    "ev_missing_export": (
        "证据文件 {path} 不见了（{detail}）。没有写出压缩包；请用 cases evidence 查看。",
        "The evidence file {path} is missing ({detail}). No archive was written; see cases evidence.",
    ),
    "ev_changed_export": (
        "证据文件 {path} 和附上时不一致（{detail}）。没有写出压缩包；请用 cases evidence 查看。",
        "The evidence file {path} changed since it was attached ({detail}). No archive was written; see cases evidence.",
    ),
    "ev_delete_failed": (
        "案件已删除，但证据文件夹 {path} 没能删除（{error}）；请手动删除。",
        "The case was deleted, but its evidence folder {path} could not be removed ({error}); delete it by hand.",
    ),
    # letters and exports with evidence
    "l_ev_files": ("{item}（文件：{files}）", "{item} (files: {files})"),
    "l_ev_other": ("其他材料（文件：{files}）", "other material (files: {files})"),
    "l_ev_file_hash": ("{name}，SHA-256 {sha}", "{name}, SHA-256 {sha}"),
    "x_evidence": ("证据文件", "Evidence files"),
    "x_evidence_line": ("- {item}：{name}（SHA-256 {sha}）", "- {item}: {name} (SHA-256 {sha})"),
    "zip_needs_output": (
        "--format zip 需要 --output 文件名，例如 --output 案件1.zip",
        "--format zip needs --output FILE, e.g. --output case1.zip",
    ),
    "zip_no_dir": (
        "文件夹 {path} 不存在；请先创建它，或换一个位置",
        "The folder {path} does not exist; create it first or choose another place",
    ),
    "zip_not_regular": (
        "{path} 不是普通文件；--force 只覆盖普通文件",
        "{path} is not a regular file; --force replaces regular files only",
    ),
    "zip_written": (
        "已写出 {path}（{n} 个条目，其中 {files} 个证据文件）",
        "Wrote {path} ({n} entries, {files} evidence files)",
    ),
    "z_title": ("投诉案件 #{id}：案卷", "Complaint case #{id}: the case file"),
    "z_intro": (
        "这个压缩包由 walletcomplain 生成，包含这个投诉案件的全部材料。卡号、身份证号和手机号已打码（信中本人联系方式一行除外）。每个文件的用途：",
        "This archive was made by walletcomplain and holds everything about this complaint. Card, ID and phone numbers are masked (except the complainant's own contact line in the letters). What each file is:",
    ),
    "z_letter_txt": (
        "投诉信（纯文本），列出了随附的证据文件",
        "the complaint letter (plain text), listing the evidence files",
    ),
    "z_letter_md": (
        "投诉信（Markdown），证据文件带 SHA-256 短哈希",
        "the complaint letter (markdown), with each evidence file's short SHA-256",
    ),
    "z_letter_saved": ("保存案件时的投诉信原文", "the letter exactly as saved with the case"),
    "z_escalation": (
        "致{name}的升级投诉信（纯文本）",
        "the escalation letter to {name} (plain text)",
    ),
    "z_escalation_md": (
        "致{name}的升级投诉信（Markdown）",
        "the escalation letter to {name} (markdown)",
    ),
    "z_timeline": (
        "时间线：每次联系、答复和升级，以及下一步",
        "the timeline: every contact, reply and escalation, and the next step",
    ),
    "z_answers": ("你填写的回答（已打码）", "your answers (masked)"),
    "z_case_json": (
        "整个案件的数据（JSON），含证据文件的完整 SHA-256",
        "the whole case as data (JSON), with each evidence file's full SHA-256",
    ),
    "z_evidence_file": (
        "证据：{item}；原文件名 {name}，{size} 字节",
        "evidence: {item}; original name {name}, {size} bytes",
    ),
    "z_sums": (
        "证据文件的 SHA-256 清单（可用 sha256sum -c 核对）",
        "the SHA-256 of each evidence file (check with sha256sum -c)",
    ),
    "z_index": (
        "证据索引：原文件名、对应的证据项、大小、附上时间和 SHA-256",
        "the evidence index: original name, item, size, time attached and SHA-256",
    ),
    "z_check": (
        "核对证据：在 case-编号 文件夹里运行 sha256sum -c evidence/SHA256SUMS（Windows：certutil -hashfile 文件 SHA256）。",
        "To check the evidence: in the case folder run sha256sum -c evidence/SHA256SUMS (Windows: certutil -hashfile FILE SHA256).",
    ),
    "z_no_item": ("未归入清单的材料", "not on the checklist"),
    # the timeline
    "tl_tried": ("联系（你在问答中提到）", "contact (from your answers)"),
    "tl_ref": ("工单号 {ref}", "reference {ref}"),
    "tl_reply": ("对方答复：{reply}", "their answer: {reply}"),
    "tl_note": ("备注：{note}", "note: {note}"),
    "tl_due_in": ("跟进日（还有 {n} 天）", "follow-up date (in {n} days)"),
    "tl_due_today": ("跟进日：今天", "follow-up date: today"),
    "tl_overdue": ("已逾期 {n} 天", "overdue by {n} days"),
    "tl_files": (
        "证据文件：{n} 个（walletcomplain cases evidence {id}）",
        "Evidence files: {n} (walletcomplain cases evidence {id})",
    ),
    "tl_legend": (
        "* 已发生  o 跟进日  ! 已逾期  # 结束",
        "* happened  o follow-up date  ! overdue  # closed",
    ),
    # --- words that lived in code (issue 11) ---
    "list_item": ("{n}. {item}", "({n}) {item}"),  # a numbered item in a letter
    "tpl_required": ("必填", "required"),
    "tpl_hint": ("{prompt}（{type}，{need}）", "{prompt}  ({type}, {need})"),
    "qtype_text": ("文字", "text"),
    "qtype_longtext": ("多行文字", "text, several lines"),
    "qtype_int": ("整数", "whole number"),
    "qtype_money": ("金额", "amount"),
    "qtype_date": ("日期", "date"),
    "qtype_datetime": ("日期和时间", "date and time"),
    "qtype_confirm": ("是或否", "yes or no"),
    "qtype_choice": ("单选", "one of the choices"),
    "qtype_multichoice": ("多选", "any of the choices"),
    "tpl_optional": ("可选", "optional"),
    "tpl_choices": ("可选值", "choices"),
    "tpl_several": ("，可填多个：[a, b]", ", several allowed: [a, b]"),
    "tpl_only_if": ("仅当", "only if"),
    "tpl_run": ("填好后运行:", "When filled in, run:"),
    "tpl_no_secrets": (
        "不要填写密码、验证码或完整卡号。",
        "Never write a password, a code or a full card number here.",
    ),
    # --- the catalog being rebuilt (first run, or a data file changed): on stderr ---
    "rebuild_slow": (
        "正在检查投诉模板（首次运行或数据有变化）…",
        "Checking the complaint templates (first run or new data)…",
    ),
    "rebuild_count": ("已检查 {done}/{total}", "checked {done}/{total}"),
    "u_or": ("或", " or "),
    "i_drafts_waiting": (
        "你还有 {n} 份没填完的投诉草稿。要接着填，按 Ctrl-C 后运行 walletcomplain start --resume。",
        "You have {n} unfinished drafts. To continue one, press Ctrl-C and run walletcomplain start --resume.",
    ),  # between two names offered instead of a typo
    # --- one home per output format (render/, issue 11): a channel's note among the warnings
    "w_channel_note": ("{value}：{note}", "{value}: {note}"),
    # --- issue 11, items 4 and 7: file names, and the command line's help ---
    "letter_file_stem": ("投诉", "complaint"),  # the saved letter: 投诉-alipay-recharge-<date>.txt
    # --- the command line's help (issue 11): keys named hp_<command>_<option> ---
    "hp_app": (
        "walletcomplain：数字钱包投诉助手。\n\n"
        "从“钱包出了问题”一步步走到正确的官方渠道、要收集的证据、一封措辞坚定的投诉信，\n"
        "以及没人答复时的下一步。\n"
        "所有数据都留在这台电脑上。它从不索要密码或短信验证码。",
        "walletcomplain: a complaint assistant for digital wallets.\n\n"
        'Gets you from "my wallet went wrong" to the right official channel, the evidence\n'
        "to collect, a firm complaint letter and the next step if nobody answers.\n"
        "Everything stays on this computer. It never asks for passwords or SMS codes.",
    ),
    "hp_providers_app": (
        "联系方式目录：客服热线、App 内入口、注意事项和来源。",
        "The contact directory: hotlines, in-app paths, caveats and sources.",
    ),
    "hp_playbooks_app": (
        "问题类型（投诉模板）及其问题。",
        "The problem types (playbooks) and their questions.",
    ),
    "hp_cases_app": (
        "案件记录：每次投诉的联系、答复和升级，以及何时跟进。",
        "The case log: every contact, reply and escalation of your complaints, and when to follow up.",
    ),
    # Click's own words: the usage line, the section headings, the help option, the tags
    "hp_usage": ("用法：", "Usage: "),
    "hp_options": ("选项：", "Options:"),
    "hp_arguments": ("参数：", "Arguments:"),
    "hp_commands": ("命令：", "Commands:"),
    "hp_help": ("显示本帮助并退出。", "Show this message and exit."),
    "hp_default": ("默认：", "default: "),
    "hp_required": ("必填", "required"),
    # options several commands share
    "hp_lang": (
        "zh 或 en（默认：WALLETCOMPLAIN_LANG，否则按系统语言；C/POSIX 为 zh）。",
        "zh or en (default: WALLETCOMPLAIN_LANG, else the locale; C/POSIX gives zh).",
    ),
    "hp_playbooks": (
        "你自己的投诉模板所在的目录（可重复）；与内置模板同 id 的会替换内置模板。",
        "A directory of your own playbooks (repeatable); same id overrides the packaged one.",
    ),
    "hp_version": ("显示版本号并退出。", "Show the version and exit."),
    "hp_json": ("在标准输出打印 JSON，而不是表格。", "Print JSON on stdout instead of tables."),
    "hp_format": ("text（默认）、markdown 或 json。", "text (default), markdown or json."),
    "hp_case_id": ("案件编号，即 `cases list` 中的编号。", "The case number, as in `cases list`."),
    "hp_yes": ("不再询问确认。", "Do not ask for confirmation."),
    "hp_force": ("文件已存在时覆盖。", "Overwrite the file if it exists."),
    # start
    "hp_start": (
        "一步步完成投诉：使用 walletcomplain 的主要方式。\n\n"
        "先问是哪个钱包、什么问题，告诉你先要核实什么，再逐一提问，\n"
        "让你检查和修改答案，然后给出联系渠道、升级路径、还缺的证据和投诉信，\n"
        "并可保存。Ctrl-B 返回上一题。每个答案一填好就存为草稿，所以\n"
        "Ctrl-C、关闭窗口或程序崩溃都不会丢失：`walletcomplain start --resume`\n"
        "可以接着填。需要终端；在脚本里请用 `walletcomplain letter`。",
        "Walk through a complaint step by step: the main way to use walletcomplain.\n\n"
        "Asks which provider and problem, shows what to check first, asks the questions,\n"
        "lets you review and change answers, then shows the channels, the escalation ladder,\n"
        "the evidence still missing and the letter, and offers to save it.\n"
        "Ctrl-B goes back one question. Every answer is kept as a draft as you give it, so\n"
        "Ctrl-C, a closed window or a crash lose nothing: `walletcomplain start --resume`\n"
        "continues. Needs a terminal; in scripts use `walletcomplain letter`.",
    ),
    "hp_start_provider": (
        "跳过“哪个钱包”的问题：{providers}。",
        "Skip the provider question: {providers}.",
    ),
    "hp_start_issue": ("跳过“什么问题”的问题：{issues}。", "Skip the problem question: {issues}."),
    "hp_start_resume": (
        "继续上次中断的填写（Ctrl-C、关闭窗口等）。",
        "Continue a session you left (Ctrl-C, closed window, ...).",
    ),
    "hp_start_output": ("最后把投诉信保存到这里。", "Save the letter here at the end."),
    "hp_start_no_save": (
        "什么都不保存：Ctrl-C 时不留草稿，也不记录案件。",
        "Keep nothing: no draft on Ctrl-C, no case.",
    ),
    # letter
    "hp_letter": (
        "根据命令行参数或文件中的答案写出投诉信（不提问）。\n\n"
        "所有缺少或无效的答案会一次列出，并说明应当怎么填；退出码为 2。\n"
        "投诉信输出到标准输出（或 --output）；联系渠道、升级路径、还缺的证据\n"
        "和提醒输出到标准错误。--format json 把这些全部输出到标准输出。",
        "Write the complaint letter from answers given as flags or a file (no prompts).\n\n"
        "Every missing or invalid answer is listed at once with what was expected; exit code 2.\n"
        "The letter goes to stdout (or --output); channels, the escalation ladder, the evidence\n"
        "still missing and the warnings go to stderr. --format json puts all of it on stdout.",
    ),
    "hp_letter_issue": ("问题类型：{issues}。", "Problem type: {issues}."),
    "hp_letter_provider": ("钱包或机构：{providers}。", "The provider: {providers}."),
    "hp_letter_set": (
        "一个答案，写作 KEY=VALUE（可重复；多选题写作 a,b）。优先于 --answers。",
        "An answer as KEY=VALUE (repeatable; a multichoice as a,b). Wins over --answers.",
    ),
    "hp_letter_answers": (
        "答案文件，YAML 或 JSON；'-' 表示从标准输入读取。",
        "Answers file, YAML or JSON; '-' reads stdin.",
    ),
    "hp_letter_output": (
        "把投诉信写入这个文件（原子写入）。",
        "Write the letter to this file (atomically).",
    ),
    "hp_letter_force": ("--output 文件已存在时覆盖。", "Overwrite --output if it exists."),
    "hp_letter_save": (
        "同时把这封信记录为待跟进的案件（见 cases ...）。",
        "Also record the letter as a case to follow up (cases ...).",
    ),
    "hp_letter_document": (
        "letter（默认），或 police：钱款被骗或被盗时的报案材料。",
        "letter (default), or police: the police report when money was lost to fraud.",
    ),
    # check-number
    "hp_check_number": (
        "这是官方号码吗？另附：如何识别冒充客服的来电。\n\n"
        "可以带 +86、0086、空格、短横线、全角数字、分机号（转7）和\n"
        "区号（010-96110）。退出码：0 在目录中，3 不在目录中，4 需要警惕的号码，\n"
        "2 不是电话号码。屏幕上显示的号码什么也证明不了：来电显示可以伪造，\n"
        "请挂断后自己拨打官方号码。",
        "Is this an official number? Also: how to tell a fake support call.\n\n"
        "Accepts +86, 0086, spaces, dashes, full-width digits, an extension (ext. 7, also in Chinese) and an\n"
        "area code (010-96110). Exit code: 0 in the directory, 3 not in it, 4 a pattern to\n"
        "be wary of, 2 not a phone number. A number on a screen proves nothing: caller ID\n"
        "can be faked, so hang up and call the official number yourself.",
    ),
    "hp_check_number_number": (
        "给你打电话或发短信的号码，照显示的样子输入。",
        "The number that called or texted you, as shown.",
    ),
    # validate
    "hp_validate": (
        "检查你自己的投诉模板和机构目录文件：格式、引用、中英两种语言，\n"
        "以及示例答案能否生成中文和英文的投诉信。",
        "Check your own playbook and provider files: schema, references, both languages, and\n"
        "that the example answers produce a letter in Chinese and English.",
    ),
    "hp_validate_paths": (
        "投诉模板或机构目录文件，或存放它们的文件夹。",
        "Playbook or directory files, or folders of them.",
    ),
    # providers, playbooks
    "hp_providers_show": (
        "一个钱包或机构的全部信息：每个渠道及其时间、注意事项、监管部门和来源。",
        "One provider: every channel with hours, caveats, its regulator and the sources.",
    ),
    "hp_providers_show_provider": ("钱包或机构的 id：{providers}。", "Provider id: {providers}."),
    "hp_playbooks_show": (
        "一个投诉模板的问题：id、类型、是否必填、选项、规则和 `when`。",
        "The questions of one playbook: id, type, required, choices, rules and `when`.",
    ),
    "hp_playbooks_show_issue": ("投诉模板的 id：{issues}。", "Playbook id: {issues}."),
    "hp_playbooks_show_template": (
        "打印一个待填写的 YAML 答案文件。",
        "Print a YAML answers file to fill in.",
    ),
    "hp_playbooks_show_example": (
        "以 YAML 打印这个投诉模板的示例答案。",
        "Print the playbook's example answers as YAML.",
    ),
    # cases
    "hp_cases_list": (
        "你的案件，最新的在前：编号、状态、建立日期、下次跟进日期、钱包和问题。",
        "Your cases, newest first: number, state, opening date, next follow-up, provider and problem.",
    ),
    "hp_cases_list_status": ("只显示这个状态的案件。", "Only cases in this state."),
    "hp_cases_list_all": (
        "显示全部案件，而不只是最新的 50 个。",
        "Every case, not just the latest 50.",
    ),
    "hp_cases_show": (
        "以时间线显示一个案件：每次联系、答复和升级及其日期，然后是\n"
        "跟进日期和到时要做什么（! 表示日期已过）。",
        "One case as a timeline: each contact, reply and escalation on its date, then the\n"
        "follow-up date and what happens on it (! marks a date that has passed).",
    ),
    "hp_cases_log": (
        "记录一次联系（电话、在线聊天、电子邮件、向监管部门投诉）或一次答复。\n"
        "下次跟进日期按升级路径设定，并说明理由。",
        "Record a contact (a call, a chat, an e-mail, a complaint to an authority) or a reply.\n"
        "The next follow-up date is set from the escalation ladder, and said why.",
    ),
    "hp_cases_log_channel": (
        "方式：hotline、in_app、email、web、authority。",
        "How: hotline, in_app, email, web, authority.",
    ),
    "hp_cases_log_ref": ("对方给的工单号或编号。", "The ticket or reference number they gave."),
    "hp_cases_log_note": ("说了什么或做了什么。", "What was said or done."),
    "hp_cases_log_date": (
        "日期（默认今天），例如 2026-11-21。",
        "When (default today), e.g. 2026-11-21.",
    ),
    "hp_cases_log_reply": ("对方的答复（如果有）。", "Their answer, if they gave one."),
    "hp_cases_log_authority": (
        "与 --channel authority 一起用：哪个部门（{authorities}）。",
        "With --channel authority: which ({authorities}).",
    ),
    "hp_cases_due": (
        "今天需要跟进的案件，逾期最久的在前，并说明理由。",
        "What needs following up today, most overdue first, and why.",
    ),
    "hp_cases_due_all": (
        "显示全部到期案件，而不只是逾期最久的 50 个。",
        "Every case due, not just the 50 most overdue.",
    ),
    "hp_cases_escalate": (
        "写给下一个部门的升级投诉信，讲清全部经过：事实、每次联系的日期和\n"
        "编号、对方的答复或沉默，以及请该部门依据其规定做什么。给公安机关的是报案材料。\n"
        "信写好或打印后即记录这次升级（--dry-run 时不记录）。",
        "Write the escalation letter to the next authority, telling the whole history: the\n"
        "facts, every contact with its date and reference, the answer or the silence, and what\n"
        "the authority is asked to do under its rule. For the police, the police report.\n"
        "The escalation is recorded once the letter is written or printed (not with --dry-run).",
    ),
    "hp_cases_escalate_to": (
        "部门（{authorities}）；默认：升级路径上的下一个。",
        "The authority ({authorities}); default: the next on the ladder.",
    ),
    "hp_cases_escalate_output": ("把信写入这个文件。", "Write the letter to this file."),
    "hp_cases_escalate_dry_run": ("只显示信，不做记录。", "Show the letter only; record nothing."),
    "hp_cases_escalate_force": (
        "未到正常日期也直接升级，不再询问；并覆盖 --output 文件。",
        "Escalate before the normal date without asking, and overwrite --output.",
    ),
    "hp_cases_close": ("结案，并记下结果。", "Close a case with its outcome."),
    "hp_cases_close_outcome": (
        "resolved（已解决）、partly（部分解决）、rejected（被拒绝）或 abandoned（已放弃）。",
        "resolved, partly, rejected or abandoned.",
    ),
    "hp_cases_close_note": ("值得留下的备注。", "Anything worth keeping."),
    "hp_cases_export": (
        "完整的案卷，供监管部门或律师使用：事实、投诉信、时间线、下一步，\n"
        "以及证据文件和它们的 SHA-256。卡号、身份证号和电话号码像信里一样打码。\n"
        "--format zip 写出一个压缩包，内含各封信、时间线、答案、\n"
        "证据文件、它们的哈希值索引和一份说明。",
        "The whole case file, for a regulator or a lawyer: facts, letter, timeline, next step,\n"
        "and the evidence files with their SHA-256. Card, ID and phone numbers are masked as in\n"
        "the letter. --format zip writes one archive with the letters, the timeline, the answers,\n"
        "the evidence files, an index of their hashes and a README.",
    ),
    "hp_cases_export_format": (
        "markdown（默认）、json 或 zip（需要 --output）。",
        "markdown (default), json, or zip (needs --output).",
    ),
    "hp_cases_export_output": ("写入这个文件。", "Write to this file."),
    "hp_cases_remind": (
        "一个日历文件，在下次跟进日期提醒你。",
        "A calendar file with a reminder on the next follow-up date.",
    ),
    "hp_cases_remind_ics": (
        "要写出的日历文件（默认：当前目录下的 walletcomplain-case-N.ics）。",
        "The calendar file to write (default: walletcomplain-case-N.ics here).",
    ),
    "hp_cases_delete": (
        "删除一个案件、它的记录和证据文件（会先询问）。",
        "Delete one case, its history and its evidence files (asks first).",
    ),
    "hp_cases_purge": (
        "删除所有案件、所有草稿和所有证据文件（会先询问）。",
        "Delete every case, every draft and every evidence file (asks first).",
    ),
    "hp_cases_call": (
        "打客服热线用的通话提纲：号码及其接听时间和注意事项、要准备好的信息、\n"
        "一段 30 秒可照读的说明、诉求，以及挂断前要问的事。在终端上它会等通话结束，\n"
        "再问工单号、对方说了什么和承诺的日期，并记录这次通话（承诺的日期成为\n"
        "跟进日期）。没有终端或用了 --json 时，只打印提纲。",
        "A call sheet for the hotline: the number with its hours and caveats, the details to\n"
        "have at hand, a 30-second summary to read out, the demand, and what to ask before\n"
        "hanging up. On a terminal it then waits for the call to end, asks for the reference,\n"
        "what they said and the date they promised, and logs the call (a promised date becomes\n"
        "the follow-up date). Without a terminal, or with --json, it only prints the sheet.",
    ),
    "hp_cases_call_no_log": (
        "只打印提纲；之后什么都不问。",
        "Only print the sheet; ask nothing afterwards.",
    ),
    "hp_cases_form": (
        "把一个渠道的表单逐栏分开，附上字数，方便复制：监管部门的网上平台\n"
        "（被投诉方、商品或服务、时间、订单号、事实、诉求）、钱包 App 内的投诉\n"
        "（500 字以内的简短说明和要上传的截图），或拨打监管部门电话时的脚本。\n"
        "官方表单的字数上限没有核实：字数供你对照表单上的提示。",
        "Each field of that channel's form separately, with its character count, ready to\n"
        "copy: an authority's web platform (respondent, goods or service, time, order number,\n"
        "facts, demand), the wallet's in-app form (a short text within 500 characters and the\n"
        "screenshots to attach), or a script for an authority's phone line. Official field\n"
        "limits were not verified: the counts are there so you can check against what the form\n"
        "says.",
    ),
    "hp_cases_form_to": (
        "哪个表单：{forms}（wallet：App 内投诉；其余：监管部门的）。",
        "Which form: {forms} (wallet: the in-app form; the others: an authority's).",
    ),
    "hp_cases_attach": (
        "把证据文件和案件保存在一起：每个文件复制到数据目录中该案件的文件夹\n"
        "（只有你能读取），并记下原文件名、大小、时间和 SHA-256。\n"
        "证据清单会勾上文件所证明的那一项。目录、特殊文件、不存在的文件和\n"
        "超过 20 MiB 的文件会被拒绝；一批文件要么全部保存，要么一个也不保存。",
        "Keep evidence files with the case: each is copied into the case's folder in the data\n"
        "directory (readable by you only) with its original name, size, time and SHA-256. The\n"
        "evidence checklist ticks the item they are attached to. Directories, special files,\n"
        "missing files and files over 20 MiB are refused; a batch is attached whole or not at all.",
    ),
    "hp_cases_attach_files": (
        "截图、照片、PDF（每个最多 20 MiB）。",
        "Screenshots, photos, PDFs (20 MiB each at most).",
    ),
    "hp_cases_attach_as": (
        "这些文件证明的证据项（例如 bank_sms）；在终端上会询问。",
        "The evidence item they prove (e.g. bank_sms); asked on a terminal.",
    ),
    "hp_cases_evidence": (
        "和案件保存在一起的文件，每个都用 SHA-256 核对：保存后丢失或\n"
        "被改动的文件会被标出（退出码 1）。",
        "The files kept with a case, each checked against its SHA-256: a file that is missing\n"
        "or changed since it was attached is flagged (exit code 1).",
    ),
    "hp_cases_detach": (
        "从案件中移除一个证据文件（会先询问）：误传的文件，或副本丢失、\n"
        "被改动后又重新保存过的文件。",
        "Remove one evidence file from a case (asks first): a file attached by mistake, or\n"
        "one whose copy is missing or changed and was attached again.",
    ),
    "hp_cases_detach_file": (
        "文件编号，即 `cases evidence` 中的编号。",
        "The file's number, as in `cases evidence`.",
    ),
    "hp_cases_letter": (
        "重新生成案件的投诉信，并列出之后保存的证据：每一项列出它的文件\n"
        "（markdown 和 JSON 还附上每个文件的 SHA-256）。",
        "The case's letter again, with the evidence attached since: each item lists its files\n"
        "(markdown and JSON add each file's SHA-256).",
    ),
    "hp_cases_letter_output": ("写入这个文件。", "Write it to this file."),
}

# The English form of a message when its count is exactly 1 (`t_n`): "in 1 day", not
# "in 1 days". Chinese has no plural forms. A message whose count can be 1 gets an entry
# here and is said with t_n.
ONE_EN: dict[str, str] = {
    "days": "day",
    "working_days": "working day",
    "wait_max": ", at most {days} day",
    "l_reply": M["l_reply"][1].replace("{days} days", "{days} day"),
    "l_reply_rule": M["l_reply_rule"][1].replace("{days} days", "{days} day"),
    "tl_due_in": "follow-up date (in {n} day)",
    "tl_overdue": "overdue by {n} day",
    "fm_count": "{n} character",
    "z_evidence_file": "evidence: {item}; original name {name}, {size} byte",
    # said by commands being rewritten now; the lead switches their callers to t_n
    "cl_confirm_purge": "Delete the {n} case and the drafts? This cannot be undone.",
    "cl_purged": "Deleted {n} case and every draft.",
    "i_kept_answers": "Kept the {n} answer that still applies; the other questions follow.",
    "invalid_answers": "{n} answer needs fixing:",
    "validate_bad": "{path}: {n} problem",
    "ev_attached_total": "{n} file attached to case #{id}. See: walletcomplain cases evidence {id}",
    "ev_bad": "{n} file missing or changed (marked ! above); attach it again before exporting.",
    "zip_written": "Wrote {path} ({n} entries, {files} evidence file)",
    "i_drafts_waiting": "You have {n} unfinished draft. To continue it, press Ctrl-C and run walletcomplain start --resume.",
}

# Marks between items and words, which differ by language and may be empty (`sep`).
SEP: dict[str, tuple[str, str]] = {
    "item": ("；", "; "),  # items run together in one sentence: demands, what to say
    "note": ("；", ". "),  # the notes in one table cell
    "word": ("", " "),  # sentences run together
    "line": (" / ", " / "),  # the lines of a long answer shown on one row (review, recap)
}

# Typography of quotations (letter.py): the user's own quotation marks inside ours
# become the other kind, and a Chinese quotation that ends a sentence takes no stop.
INNER_QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "zh": (("“", "「"), ("”", "」")),
    "en": (('"', "'"),),
}
# How Chinese text quotes a name (an option, a command) that Click quotes in ASCII quotes.
NAME_QUOTES_ZH = ("「", "」")
SENTENCE_ENDS_ZH = tuple("。！？!?.")

# A fact's `source` in data/ is written once: a law's Chinese title and article, or a short
# description in English. Shown to a Chinese reader, each English part reads in Chinese
# (tests/test_data.py fails on a source with English words this table does not cover).
SOURCE_ZH: tuple[tuple[str, str], ...] = (
    ("several public web pages", "多个公开网页"),
    ("police anti-fraud advice", "公安机关的反诈提示"),
    ("tpWallet's own app and website", "tpWallet 官方 App 和网站"),
    ("JD's own customer-service page", "京东官方客服页面"),
    ("a public report of a phishing e-mail", "一份关于钓鱼邮件的公开报道"),
    ("Apple China store help pages (apple.com.cn)", "Apple 中国官网帮助页面（apple.com.cn）"),
    (", as reported in public sources", "，据公开报道"),
    ("; article numbers not verified", "；条号未经核实"),
    ("; article number not verified", "；条号未经核实"),
    (" (PBoC and nine other bodies), as reported by ", "（中国人民银行等十部门），报道来源："),
    (
        " (SAMR Order 2019 No. 20), replaced on ",
        "（国家市场监督管理总局令2019年第20号），替代日期：",
    ),
    (" (published ", "（公布于 "),
    (" (", "（"),
    (")", "）"),
    ("; ", "；"),
)

# Where a line may not start or end when text is wrapped (output.py): closing and
# opening punctuation, Chinese and Latin.
NO_LINE_START = frozenset("，。；：、）」』”！？,.;:!?)")
NO_LINE_END = frozenset("（「『“‘《【(")
# What a wrapped line never splits: a Chinese date (format_date's "2026年11月24日").
UNBROKEN = r"\d{4}年\d{1,2}月\d{1,2}日 *"

# --- Words the program reads, not says -------------------------------------------------
# Data, not sentences: what people type, recognised by privacy.py, phone.py and answers.py.
# Kept here so that no other module holds Chinese text (tests/test_language.py). Changing
# one changes what is recognised. Regular-expression fragments are alternatives joined by |.
READ_ZH: dict[str, str] = {
    # privacy.py: a keyword, then a secret. (支付密码, 动态密码, ... end in 密码, and 短信码
    # is a 短信 code below: one keyword each)
    "secret_key": "验证码|校验码|动态码|密码|安全码|口令|助记词|私钥",
    "secret_gap": "是|为",  # "my password is ..."
    # "短信里的数字是 482913", "发来的码 482913": an SMS with a short number is a code
    "sms_key": "短信|信息|发来的|收到的",
    "sms_where": "里|中",
    "sms_of": "的",
    "sms_what": "数字|号码|码|内容",
    "seed_key": "助记词",
    # phone.py: what can follow a number to mean an extension (转7, 分机 7) and the
    # full-width brackets around an area code
    "extension": "转|分机",
    "brackets": "（）",
    # answers.py: a date and time as people write them (2026年11月20日 下午3点15分)
    "year": "年",
    "month": "月",
    "day": "日|号",
    "hour": "点|时",
    "minute": "分",
    "afternoon": "下午|晚上",
    "ampm": "上午|下午|晚上",
    "money_noise": "元|人民币",
}
# privacy.py: a word one of whose secret patterns needs before it can match at all
SECRET_HINTS_ZH = ("码", "口令", "助记词", "私钥", "短信", "信息", "发来", "收到")
# answers.py: yes and no as people type them
TRUE_WORDS_ZH = ("是", "是的", "对", "有", "对的", "确认", "好")
FALSE_WORDS_ZH = ("否", "不", "不是", "没有", "无", "没")


# Punctuation a Chinese line never starts with (help text is wrapped before it, not at it).
NO_LINE_START_ZH = "，。、；：？！）」』”’》"
NO_LINE_END_ZH = "（「『“‘《"  # and the punctuation it never ends with


def source_text(source: str, lang: Lang) -> str:
    """A fact's source as the reader reads it (SOURCE_ZH)."""
    if lang == "en":
        return source
    for en, zh in SOURCE_ZH:
        source = source.replace(en, zh)
    return source


# Why the system refused a file, in words (the C library says it in English only).
OS_REASONS: dict[str, tuple[str, str]] = {
    "ENOENT": ("没有这个文件或文件夹", "no such file or folder"),
    "EACCES": ("没有权限", "permission denied"),
    "EPERM": ("不允许这样操作", "operation not permitted"),
    "EISDIR": ("这是文件夹，不是文件", "it is a folder, not a file"),
    "ENOTDIR": ("路径中有一部分不是文件夹", "a part of the path is not a folder"),
    "ENOSPC": ("磁盘已满", "the disk is full"),
    "EROFS": ("磁盘是只读的", "the disk is read-only"),
    "ENAMETOOLONG": ("文件名太长", "the file name is too long"),
    "ELOOP": ("符号链接太多层", "too many levels of symbolic links"),
    "EEXIST": ("文件已经存在", "the file already exists"),
    "EBUSY": ("文件正被占用", "the file is in use"),
}


def os_reason(e: OSError, lang: Lang) -> str:
    """Why an operation on a file failed, in the reader's language where we know the
    reason, else as the system said it."""
    import errno

    zh_en = OS_REASONS.get(errno.errorcode.get(e.errno or 0, ""))
    if zh_en is not None:
        return zh_en[0] if lang == "zh" else zh_en[1]
    return e.strerror or str(e)


def t(key: str, lang: Lang, **params: object) -> str:
    zh, en = M[key]
    text = zh if lang == "zh" else en
    return text.format(**params) if params else text


def t_n(key: str, lang: Lang, count: int, **params: object) -> str:
    """A message that shows a count: its English singular (ONE_EN) when the count is 1.
    The count is `{n}` unless the message names it otherwise (pass days=..., size=...)."""
    if "n" not in params and "{n}" in M[key][1]:
        params["n"] = count
    if lang == "en" and count == 1 and key in ONE_EN:
        text = ONE_EN[key]
        return text.format(**params) if params else text
    return t(key, lang, **params)


def format_date(d: dt.date, lang: Lang) -> str:
    """A date as a letter writes it: 2026年11月22日, 22 November 2026."""
    return t("date_fmt", lang, y=d.year, d=d.day, month=t(f"month_{d.month}", lang))


def format_money(value: Decimal, lang: Lang) -> str:
    return t("money_fmt", lang, amount=f"{value:,.2f}")


def sep(kind: str, lang: Lang) -> str:
    """The mark between items (`item`), the notes of a table cell (`note`) or sentences
    run together (`word`)."""
    zh, en = SEP[kind]
    return zh if lang == "zh" else en


def choices_hint(q: Question, lang: Lang) -> str:
    return ", ".join(f"{c.id} ({c.get(lang)})" for c in q.choices)


def default_lang(env: dict[str, str] | None = None) -> Lang:
    """WALLETCOMPLAIN_LANG, else the locale: English only when the locale is a real non-Chinese one.

    Chinese comes first: an unset, C or POSIX locale (servers, CI, many containers)
    says nothing about the reader, so it gives Chinese.
    """
    e = os.environ if env is None else env
    explicit = e.get("WALLETCOMPLAIN_LANG", "").strip().lower()
    if explicit in ("zh", "en"):
        return "zh" if explicit == "zh" else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = e.get(var, "").strip()
        if value:
            base = value.split(".")[0].lower()
            if base.startswith("zh") or base in ("c", "posix"):
                return "zh"
            return "en"
    return "zh"


def expected(err: FieldError, q: Question | None, lang: Lang) -> str:
    """What an answer should look like, in words: never a field id or a pattern."""
    if err.code in ("choice", "multichoice") and q is not None:
        text = t(err.code, lang, choices=choices_hint(q, lang))
    elif err.code == "pattern":
        describe = q.rules.describe if q is not None else None
        text = describe.get(lang) if describe is not None else t("text", lang)
    else:
        text = t(err.code, lang, **err.params)
    if lang == "zh" and text[:1].isascii() and text[:1].isalnum():
        text = " " + text  # 应为 4 到 64 位: a space between Chinese and a number
    return text


def describe_error(err: FieldError, q: Question | None, lang: Lang) -> str:
    """`amount（金额）：收到「abc」；应为…` — the field, what was given, what is expected."""
    if err.code == "unknown_field":
        hint = t("did_you_mean", lang, **err.params) if "suggest" in err.params else ""
        hint = (" " + hint) if hint and lang == "en" else hint  # no space after 。
        return t("err_unknown", lang, field=err.field, hint=hint)
    label = err.label.get(lang) if err.label else "?"
    if err.code == "required":
        return t("err_required", lang, field=err.field, label=label)
    given = t("err_given", lang, given=err.given) if err.given is not None else ""
    return t(
        "err_line", lang, field=err.field, label=label, given=given, expected=expected(err, q, lang)
    )


def describe_inline(err: FieldError, q: Question, lang: Lang) -> str:
    """The same error as a person at the prompt reads it: the question's label, what was
    typed, what is expected with an example."""
    label = q.label.get(lang)
    if err.code == "required" or err.given is None:
        return t("err_inline_required", lang, label=label)
    return t("err_inline", lang, label=label, given=err.given, expected=expected(err, q, lang))


def describe_notice(n: Notice, labels: dict[str, str], lang: Lang) -> str:
    params = {"label": labels.get(n.field, n.field), **n.params}
    if "question" in params:
        params["question"] = labels.get(params["question"], params["question"])
    return t("notice_" + n.code, lang, **params)
